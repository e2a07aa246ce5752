"""Shared by train.py (TRL) and train_unsloth.py: the spec, the data, the reward functions,
metrics logging, resuming, and the smoke mode.

Everything here is standard library at import time; torch, transformers and TRL are imported
only by the functions that train, so `python3 train.py --smoke` runs on any machine.
"""

import dataclasses
import glob
import json
import os
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "rewards"))

import workbench_rewards as wr  # noqa: E402  (the exported reward module, beside this file)


def load_spec():
    with open(os.path.join(HERE, "spec.json"), encoding="utf-8") as f:
        return json.load(f)


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def output_dir(spec):
    return os.path.join(HERE, spec["checkpoints"]["output_dir"])


def metrics_path(spec):
    return os.path.join(output_dir(spec), "metrics.jsonl")


def append_metrics(spec, row):
    os.makedirs(output_dir(spec), exist_ok=True)
    with open(metrics_path(spec), "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")
        f.flush()


def last_checkpoint(spec):
    """The newest checkpoint-N folder, to resume from after a restart (None for a fresh run)."""
    found = []
    for d in glob.glob(os.path.join(output_dir(spec), "checkpoint-*")):
        try:
            found.append((int(d.rsplit("-", 1)[1]), d))
        except ValueError:
            pass
    return max(found)[1] if found else None


def reward_functions(spec):
    """The composite first (weight 1: the training signal), then every component at weight 0, so TRL logs each."""
    funcs = [wr.trl_reward]
    weights = [1.0]
    if spec["rewards"]["log_components"]:
        comps = wr.component_rewards()
        funcs += comps
        weights += [0.0] * len(comps)
    return funcs, weights


def check_fields(cls, kwargs):
    """Refuses a setting the installed TRL does not have, instead of letting it be dropped."""
    names = {f.name for f in dataclasses.fields(cls)}
    missing = sorted(k for k in kwargs if k not in names)
    if missing:
        sys.exit("the installed TRL's %s has no %s; pin the TRL version of the spec (requirements.txt)" % (cls.__name__, ", ".join(missing)))
    return kwargs


def common_args(spec):
    t, c = spec["training"], spec["checkpoints"]
    args = {
        "output_dir": output_dir(spec),
        "learning_rate": t["learning_rate"],
        "num_train_epochs": t["epochs"],
        "per_device_train_batch_size": t["per_device_train_batch_size"],
        "gradient_accumulation_steps": t["gradient_accumulation_steps"],
        "warmup_ratio": t["warmup_ratio"],
        "lr_scheduler_type": t["lr_scheduler_type"],
        "weight_decay": t["weight_decay"],
        "max_grad_norm": t["max_grad_norm"],
        "logging_steps": t["logging_steps"],
        "seed": t["seed"],
        "bf16": t["bf16"],
        "gradient_checkpointing": spec["distributed"]["gradient_checkpointing"],
        "save_steps": c["save_steps"],
        "save_total_limit": c["save_total_limit"],
        "report_to": [] if spec["report_to"] == "none" else [spec["report_to"]],
    }
    if t["max_steps"] is not None:
        args["max_steps"] = t["max_steps"]
    if c["hub_model_id"]:
        args["push_to_hub"] = True
        args["hub_model_id"] = c["hub_model_id"]
    return args


def grpo_args(spec, _weights):
    g = spec["grpo"]
    args = common_args(spec)
    args.update({
        "num_generations": g["num_generations"],
        # TRL 0.24.0 defaults to 512 and left-truncates longer prompts; the bundle holds only prompts within this.
        "max_prompt_length": spec["training"]["max_prompt_length"],
        "max_completion_length": g["max_completion_length"],
        # The reward functions read the task, input_row and outcome columns.
        "remove_unused_columns": False,
        "beta": g["beta"],
        "loss_type": g["loss_type"],
        "scale_rewards": g["scale_rewards"],
        "epsilon": g["epsilon"],
        "epsilon_high": g["epsilon_high"],
        "num_iterations": g["num_iterations"],
        "temperature": g["temperature"],
        "top_p": g["top_p"],
        "use_vllm": g["use_vllm"],
        "mask_truncated_completions": g["mask_truncated_completions"],
        "reward_weights": _weights,
        "log_completions": True,
    })
    if g["use_vllm"]:
        args["vllm_mode"] = g["vllm_mode"]
        if g["vllm_mode"] == "server":
            args["vllm_server_host"] = os.environ.get("WORKBENCH_VLLM_HOST", "127.0.0.1")
            args["vllm_server_port"] = int(os.environ.get("WORKBENCH_VLLM_PORT", "8000"))
        if g["vllm_mode"] == "colocate":
            args["vllm_gpu_memory_utilization"] = g["vllm_gpu_memory_utilization"]
            args["vllm_tensor_parallel_size"] = g["vllm_tensor_parallel_size"]
    return args


def check_prompt_lengths(spec, tokenizer, *splits):
    """Refuses to train when a prompt is longer than max_prompt_length in real tokens: TRL would cut
    its left end (the bundle's filter is an estimate, ~3.2 characters per token)."""
    limit = spec["training"]["max_prompt_length"]
    longest, over = 0, 0
    for split in splits:
        for row in split or []:
            n = len(tokenizer.apply_chat_template(row["prompt"], tokenize=True, add_generation_prompt=True))
            longest = max(longest, n)
            over += n > limit
    if over:
        sys.exit("%d prompt(s) are longer than max_prompt_length %d tokens (the longest has %d): TRL would cut them; raise training.max_prompt_length and rebuild the bundle" % (over, limit, longest))
    print("prompt lengths: the longest has %d tokens, within max_prompt_length %d" % (longest, limit), flush=True)


def sft_args(spec):
    args = common_args(spec)
    args["max_length"] = spec["model"]["max_seq_length"]
    return args


def metrics_callback(spec):
    """A transformers callback appending every log (reward, KL, lengths, each reward component) to metrics.jsonl."""
    from transformers import TrainerCallback

    class WorkbenchMetrics(TrainerCallback):
        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and state.is_world_process_zero:
                append_metrics(spec, dict(logs, step=state.global_step, epoch=state.epoch, time=time.time()))

    return WorkbenchMetrics()


def datasets(spec):
    from datasets import load_dataset

    name = "grpo" if spec["stage"] == "grpo" else "sft"
    files = {"train": os.path.join(HERE, "data", name + "_train.jsonl")}
    if read_jsonl(os.path.join(HERE, "data", name + "_eval.jsonl")):
        files["eval"] = os.path.join(HERE, "data", name + "_eval.jsonl")
    d = load_dataset("json", data_files=files)
    return d["train"], d.get("eval")


def smoke(spec):
    """No GPU and no TRL: what a GRPO step computes from the rewards, over the bundle's prompts.

    Each prompt's group is the teacher's completion for it (from the SFT records) with its
    answer cut shorter and shorter, so rewards vary within a group as they would across sampled
    completions; prompts without a teacher completion are skipped (and counted). Logs
    the same keys as training (reward, reward_std, rewards/<component>/mean, completion length,
    KL 0), checkpoints every save_steps and resumes after the last one.
    """
    teacher = {}
    for r in read_jsonl(os.path.join(HERE, "data", "sft_train.jsonl")):
        teacher[r["messages"][0]["content"]] = r["messages"][1]["content"]
    every = read_jsonl(os.path.join(HERE, "data", "grpo_train.jsonl"))
    prompts = [p for p in every if p["prompt"][0]["content"] in teacher]
    g = spec["grpo"]["num_generations"]
    per_step = max(1, spec["training"]["per_device_train_batch_size"] * spec["training"]["gradient_accumulation_steps"] // g)
    steps = (len(prompts) + per_step - 1) // per_step
    if spec["training"]["max_steps"] is not None:
        steps = min(steps, spec["training"]["max_steps"])
    funcs, _ = reward_functions(spec)
    start = 0
    ckpt = last_checkpoint(spec)
    if ckpt:
        start = json.load(open(os.path.join(ckpt, "state.json")))["step"]
        print("resuming after step %d (%s)" % (start, os.path.basename(ckpt)), flush=True)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    pause = float(os.environ.get("WORKBENCH_SMOKE_STEP_SECONDS", "0.2"))
    print("smoke run of %s: %d prompts with a teacher completion (%d without, skipped), %d steps of %d prompts x %d completions, no GPU" % (spec["name"], len(prompts), len(every) - len(prompts), steps, per_step, g), flush=True)
    for step in range(start + 1, steps + 1):
        if stop["now"]:
            print("stopped by SIGTERM after step %d" % (step - 1), flush=True)
            return 143
        batch = prompts[(step - 1) * per_step: step * per_step]
        rows = {"prompts": [], "completions": [], "task": [], "input_row": [], "outcome": []}
        for p in batch:
            text = teacher[p["prompt"][0]["content"]]
            head, sep, answer = text.partition("</think>")
            for k in range(g):
                cut = head + sep + answer[: len(answer) * (g - k) // g]
                rows["prompts"].append(p["prompt"])
                rows["completions"].append([{"role": "assistant", "content": cut}])
                rows["task"].append(p["task"])
                rows["input_row"].append(p["input_row"])
                rows["outcome"].append(p.get("outcome"))
        cols = {k: rows[k] for k in ("task", "input_row", "outcome")}
        values = {f.__name__: f(rows["prompts"], rows["completions"], **cols) for f in funcs}
        composite = values["trl_reward"]
        mean = sum(composite) / len(composite)
        std = (sum((x - mean) ** 2 for x in composite) / len(composite)) ** 0.5
        row = {"step": step, "epoch": step / steps, "reward": mean, "reward_std": std, "kl": 0.0, "completions/mean_length": sum(len(c[0]["content"]) for c in rows["completions"]) / len(composite) / 4, "smoke": True, "time": time.time()}
        for name, vals in values.items():
            if name != "trl_reward":
                present = [v for v in vals if v is not None]
                row["rewards/%s/mean" % name] = sum(present) / len(present) if present else None
        append_metrics(spec, row)
        print("step %d/%d reward %.4f ± %.4f" % (step, steps, mean, std), flush=True)
        if step % spec["checkpoints"]["save_steps"] == 0 or step == steps:
            d = os.path.join(output_dir(spec), "checkpoint-%d" % step)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "state.json"), "w") as f:
                json.dump({"step": step, "smoke": True}, f)
        time.sleep(pause)
    print("smoke run finished: %d steps" % steps, flush=True)
    return 0
