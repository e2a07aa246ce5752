"""What a generated bundle hands to TRL, Unsloth and transformers, read without any of them
installed (standard library only): run as `python3 conformance_probe.py BUNDLE`, prints JSON.

- the GRPOConfig / SFTConfig keyword arguments workbench_train.py builds from spec.json;
- each reward function called exactly as TRL 0.24.0's GRPOTrainer calls it
  (prompts=, completions=, completion_ids=, every dataset column, trainer_state=);
- the keyword names train_unsloth.py passes to FastLanguageModel.from_pretrained / get_peft_model;
- the line order in train.py of the trainer config and the model's from_pretrained.
"""
import ast
import json
import os
import sys

bundle = os.path.abspath(sys.argv[1])
sys.path.insert(0, bundle)
os.environ.setdefault("WORKBENCH_VLLM_HOST", "10.0.0.1")
import workbench_train as wt  # noqa: E402

spec = wt.load_spec()
funcs, weights = wt.reward_functions(spec)
out = {"grpo_args": wt.grpo_args(spec, weights), "sft_args": wt.sft_args(spec), "reward_calls": []}

rows = wt.read_jsonl(os.path.join(bundle, "data", "grpo_train.jsonl"))[:2]
if rows:
    g = 2
    prompts = [r["prompt"] for r in rows for _ in range(g)]
    completions = [[{"role": "assistant", "content": "<think>x</think> answer"}] for _ in prompts]
    columns = {k: [r.get(k) for r in rows for _ in range(g)] for k in rows[0] if k != "prompt"}
    for f in funcs:
        try:
            vals = f(prompts=prompts, completions=completions, completion_ids=[[1, 2, 3]] * len(prompts), trainer_state=object(), **columns)
            ok = isinstance(vals, list) and len(vals) == len(prompts) and all(v is None or isinstance(v, (int, float)) for v in vals)
            out["reward_calls"].append({"name": f.__name__, "ok": ok, "error": None if ok else "returned %r" % (vals,)})
        except Exception as e:  # noqa: BLE001
            out["reward_calls"].append({"name": f.__name__, "ok": False, "error": "%s: %s" % (type(e).__name__, e)})


def calls(path):
    tree = ast.parse(open(os.path.join(bundle, path), encoding="utf-8").read())
    found = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            owner = n.func.value.id if isinstance(n.func.value, ast.Name) else ast.unparse(n.func.value)
            found.append({"call": owner + "." + n.func.attr, "line": n.lineno, "keywords": [k.arg for k in n.keywords if k.arg]})
    return found


out["train_py_calls"] = calls("train.py")
out["train_unsloth_calls"] = calls("train_unsloth.py")
print(json.dumps(out, default=str))
