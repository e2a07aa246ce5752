#!/usr/bin/env python3
"""SFT or GRPO of the bundle's model with Hugging Face TRL, as spec.json says.

    accelerate launch --config_file accelerate.yaml train.py      # see run.sh
    python3 train.py --smoke                                      # no GPU: the rewards over the data

GRPO trains on the composite reward of the exported reward module (the components are logged
at weight 0); every setting is passed explicitly and refused if the installed TRL lacks it.
A restarted run resumes from its newest checkpoint.
"""

import argparse
import os
import sys

import workbench_train as wt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="score the dataset with the reward functions, no GPU or TRL needed")
    args = ap.parse_args()
    spec = wt.load_spec()
    if args.smoke or os.environ.get("WORKBENCH_SMOKE") == "1":
        return wt.smoke(spec)

    import torch
    import trl
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

    if trl.__version__ != spec["trl_version"]:
        sys.exit("TRL %s is installed, the spec pins %s (pip install -r requirements.txt)" % (trl.__version__, spec["trl_version"]))
    base = spec["model"]["base"]
    adapter = spec["adapter"]
    train, evaluation = wt.datasets(spec)
    callbacks = [wt.metrics_callback(spec)]
    # The trainer's config comes first: with accelerate's DeepSpeed ZeRO-3 plugin, creating it
    # registers the ZeRO-3 config, so the from_pretrained below loads the weights sharded over
    # the ranks (zero3_init_flag) instead of a full bf16 copy in every rank's host memory.
    if spec["stage"] == "sft":
        config = trl.SFTConfig(**wt.check_fields(trl.SFTConfig, wt.sft_args(spec)))
    else:
        funcs, weights = wt.reward_functions(spec)
        config = trl.GRPOConfig(**wt.check_fields(trl.GRPOConfig, wt.grpo_args(spec, weights)))
    tokenizer = AutoTokenizer.from_pretrained(base)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if spec["stage"] == "grpo":
        wt.check_prompt_lengths(spec, tokenizer, train, evaluation)
    quant = None
    if adapter["type"] == "qlora":
        quant = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
            # ZeRO-3 and FSDP shard the quantised weights only when they are stored in bf16.
            bnb_4bit_quant_storage=torch.bfloat16,
        )
    model = AutoModelForCausalLM.from_pretrained(base, torch_dtype=torch.bfloat16, quantization_config=quant, attn_implementation="flash_attention_2")
    peft_config = None
    if adapter["type"] != "full":
        peft_config = LoraConfig(r=adapter["rank"], lora_alpha=adapter["alpha"], lora_dropout=adapter.get("dropout", 0.0), target_modules=adapter.get("target_modules") or "all-linear", task_type="CAUSAL_LM")
    if spec["stage"] == "sft":
        trainer = trl.SFTTrainer(model=model, args=config, train_dataset=train, eval_dataset=evaluation, processing_class=tokenizer, peft_config=peft_config, callbacks=callbacks)
    else:
        trainer = trl.GRPOTrainer(model=model, reward_funcs=funcs, args=config, train_dataset=train, eval_dataset=evaluation, processing_class=tokenizer, peft_config=peft_config, callbacks=callbacks)
    trainer.train(resume_from_checkpoint=wt.last_checkpoint(spec))
    trainer.save_model(os.path.join(wt.output_dir(spec), "final"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
