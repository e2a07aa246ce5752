/**
 * GPU types a spec can ask for: memory, dense BF16 throughput and an on-demand price per GPU
 * hour (typical marketplace prices, late 2026; override with --price-per-gpu-hour). Names are
 * SkyPilot's accelerator names plus the memory, so "H100-80GB" becomes `H100:N`.
 */
export interface GpuType {
  memoryGB: number;
  bf16Tflops: number;
  usdPerHour: number;
  /** SkyPilot accelerator name. */
  sky: string;
}

export const GPUS: Readonly<Record<string, GpuType>> = {
  'A100-80GB': { memoryGB: 80, bf16Tflops: 312, usdPerHour: 1.79, sky: 'A100-80GB' },
  'H100-80GB': { memoryGB: 80, bf16Tflops: 989, usdPerHour: 2.49, sky: 'H100' },
  'H200-141GB': { memoryGB: 141, bf16Tflops: 989, usdPerHour: 3.49, sky: 'H200' },
  'B200-180GB': { memoryGB: 180, bf16Tflops: 2250, usdPerHour: 5.99, sky: 'B200' },
  'L40S-48GB': { memoryGB: 48, bf16Tflops: 362, usdPerHour: 0.99, sky: 'L40S' },
};

export const GPU_NAMES = Object.keys(GPUS) as [string, ...string[]];
