#!/usr/bin/env python3
"""GRPO (or SFT) with Unsloth on one GPU, as spec.json says: the 4-bit model is loaded with
Unsloth's FastLanguageModel and, for GRPO, shared with vLLM (fast_inference), then trained with
TRL's trainers and the exported reward module. `python3 train_unsloth.py --smoke` needs no GPU.
"""

import argparse
import os
import sys

import workbench_train as wt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    spec = wt.load_spec()
    if args.smoke or os.environ.get("WORKBENCH_SMOKE") == "1":
        return wt.smoke(spec)

    # Unsloth patches transformers and TRL: it is imported first.
    from unsloth import FastLanguageModel
    import trl

    adapter, grpo = spec["adapter"], spec["grpo"]
    model, tokenizer = FastLanguageModel.from_pretrained(
        model_name=spec["model"]["base"],
        max_seq_length=spec["model"]["max_seq_length"],
        load_in_4bit=adapter["type"] == "qlora",
        fast_inference=spec["stage"] == "grpo" and grpo["use_vllm"],
        max_lora_rank=adapter.get("rank", 16),
        gpu_memory_utilization=grpo["vllm_gpu_memory_utilization"],
    )
    model = FastLanguageModel.get_peft_model(
        model,
        r=adapter["rank"],
        target_modules=adapter.get("target_modules") or ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
        lora_alpha=adapter["alpha"],
        lora_dropout=adapter.get("dropout", 0.0),
        use_gradient_checkpointing="unsloth",
        random_state=spec["training"]["seed"],
    )
    train, evaluation = wt.datasets(spec)
    if spec["stage"] == "grpo":
        wt.check_prompt_lengths(spec, tokenizer, train, evaluation)
    callbacks = [wt.metrics_callback(spec)]
    if spec["stage"] == "sft":
        config = trl.SFTConfig(**wt.check_fields(trl.SFTConfig, wt.sft_args(spec)))
        trainer = trl.SFTTrainer(model=model, args=config, train_dataset=train, eval_dataset=evaluation, processing_class=tokenizer, callbacks=callbacks)
    else:
        funcs, weights = wt.reward_functions(spec)
        kwargs = wt.grpo_args(spec, weights)
        # Unsloth's vLLM shares the model's GPU and weights; TRL's own vLLM settings do not apply.
        for k in ("vllm_mode", "vllm_gpu_memory_utilization", "vllm_tensor_parallel_size"):
            kwargs.pop(k, None)
        config = trl.GRPOConfig(**wt.check_fields(trl.GRPOConfig, kwargs))
        trainer = trl.GRPOTrainer(model=model, reward_funcs=funcs, args=config, train_dataset=train, eval_dataset=evaluation, processing_class=tokenizer, callbacks=callbacks)
    trainer.train(resume_from_checkpoint=wt.last_checkpoint(spec))
    model.save_pretrained(os.path.join(wt.output_dir(spec), "final"))
    tokenizer.save_pretrained(os.path.join(wt.output_dir(spec), "final"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
