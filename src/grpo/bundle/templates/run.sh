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
VLLM_PORT="${WORKBENCH_VLLM_PORT:-8000}"
DONE_PORT="${WORKBENCH_DONE_PORT:-8011}"
# trl vllm-serve's own flags (TRL 0.24.0 ScriptArguments); the context is the spec's prompt + completion budget.
SERVE=(trl vllm-serve --model "{{MODEL}}" --tensor-parallel-size {{VLLM_TP}} --port "$VLLM_PORT" --max-model-len {{VLLM_MAX_LEN}} --gpu-memory-utilization {{VLLM_GPU_UTIL}})
DONE=""
if [ "{{VLLM_MODE}}" = server ]; then
  export WORKBENCH_VLLM_HOST="${IPS[0]}" WORKBENCH_VLLM_PORT="$VLLM_PORT"
  if [ "$NODES" -gt 1 ]; then
    # Node 0 serves rollouts with vLLM on all its GPUs until training reports its end; nodes 1… train.
    if [ "$NODE_RANK" = 0 ]; then exec python3 workbench_node.py serve --done-port "$DONE_PORT" -- "${SERVE[@]}" --host 0.0.0.0; fi
    RANK=$((NODE_RANK - 1)); NODES=$((NODES - 1)); MAIN_IP="${IPS[1]}"
    if [ "$RANK" = 0 ]; then DONE="http://${IPS[0]}:$DONE_PORT/done"; fi
  else
    # One node: vLLM on its first {{VLLM_GPUS}} GPU(s), training on the rest; the server stops with this script.
    export WORKBENCH_VLLM_HOST=127.0.0.1
    CUDA_VISIBLE_DEVICES="{{VLLM_DEVICES}}" setsid "${SERVE[@]}" > vllm-server.log 2>&1 &
    SERVER_PID=$!
    trap 'kill -TERM -- "-$SERVER_PID" 2>/dev/null || true' EXIT
    export CUDA_VISIBLE_DEVICES="{{TRAIN_DEVICES}}"
  fi
fi
if [ "{{ENGINE}}" = unsloth ]; then
  TRAIN=(python3 train_unsloth.py)
else
  TRAIN=(accelerate launch --config_file accelerate.yaml --num_machines "$NODES" --num_processes "$PROCS" --machine_rank "$RANK" --main_process_ip "$MAIN_IP" --main_process_port "${MASTER_PORT:-29500}" train.py)
fi
if [ "{{VLLM_MODE}}" = server ]; then
  # Training waits for the server, stops if it dies, and tells node 0 when it ends.
  set +e
  python3 workbench_node.py train --health "http://$WORKBENCH_VLLM_HOST:$VLLM_PORT/health/" ${DONE:+--done "$DONE"} -- "${TRAIN[@]}"
  code=$?
  exit "$code"
fi
exec "${TRAIN[@]}"
