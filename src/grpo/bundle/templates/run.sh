#!/usr/bin/env bash
# Starts this bundle's run (written by `workbench grpo bundle`). Secrets come from the
# environment only ({{SECRETS}}). WORKBENCH_SMOKE=1 runs the smoke mode: no GPU, the reward
# module over the dataset, logged like training.
#   one node:  bash run.sh
#   N nodes:   NODE_RANK=r NODE_IPS="ip0 ip1 …" bash run.sh   (sky.yaml sets both)
set -euo pipefail
cd "$(dirname "$0")"
if [ "${WORKBENCH_SMOKE:-0}" = 1 ]; then
  exec python3 {{ENTRY}} --smoke
fi
for name in {{REQUIRED_SECRETS}}; do
  if [ -z "${!name:-}" ]; then echo "environment variable $name is not set (secrets are never in the bundle)" >&2; exit 2; fi
done
NODE_RANK="${NODE_RANK:-0}"
read -r -a IPS <<< "${NODE_IPS:-127.0.0.1}"
NODES={{NODES}}
PROCS={{TRAIN_PROCS}}
RANK="$NODE_RANK"
MAIN_IP="${IPS[0]}"
if [ "{{VLLM_MODE}}" = server ]; then
  export WORKBENCH_VLLM_HOST="${IPS[0]}"
  if [ "$NODES" -gt 1 ]; then
    # Node 0 serves rollouts with vLLM on all its GPUs; nodes 1… train.
    if [ "$NODE_RANK" = 0 ]; then exec trl vllm-serve --model "{{MODEL}}" --tensor-parallel-size {{VLLM_TP}} --host 0.0.0.0; fi
    RANK=$((NODE_RANK - 1)); NODES=$((NODES - 1)); MAIN_IP="${IPS[1]}"
    for _ in $(seq 1 900); do curl -sf "http://$WORKBENCH_VLLM_HOST:8000/health/" > /dev/null && break; sleep 2; done
  else
    # One node: vLLM on its first {{VLLM_GPUS}} GPU(s), training on the rest.
    CUDA_VISIBLE_DEVICES="{{VLLM_DEVICES}}" trl vllm-serve --model "{{MODEL}}" --tensor-parallel-size {{VLLM_TP}} > vllm-server.log 2>&1 &
    for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:8000/health/" > /dev/null && break; sleep 2; done
    export CUDA_VISIBLE_DEVICES="{{TRAIN_DEVICES}}"
  fi
fi
if [ "{{ENGINE}}" = unsloth ]; then
  exec python3 train_unsloth.py
fi
exec accelerate launch --config_file accelerate.yaml --num_machines "$NODES" --num_processes "$PROCS" --machine_rank "$RANK" --main_process_ip "$MAIN_IP" --main_process_port "${MASTER_PORT:-29500}" train.py
