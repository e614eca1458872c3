#!/usr/bin/env bash
# Runs the generation bench on a lent GPU machine (no .NET SDK, no NuGet, nothing downloadable there).
# Inputs, prepared on the build machine by gpu/pack.sh and carried into the checkout (.gpu/, git-ignored):
#   STAGE (default /root/stage): cudaxz.0..2, the xz pieces of ONNX Runtime's CUDA provider (284 MB, carried over
#   three earlier calls: one call carries at most 64 MiB), and .gpu/c4/bundle.tar.xz: the .NET runtime, the bench's
#   Release build without the CUDA provider, libonnxruntime.so.
# Usage there: benchmarks/GenQ.Generation.Benchmarks/gpu/run-on-device.sh [bench arguments...]
set -euo pipefail
STAGE=${STAGE:-/root/stage}
OUTDIR=${OUT:-/tmp/out}
mkdir -p "$OUTDIR" /root/genq && cd /root/genq
tar -xJf "$OLDPWD/.gpu/c4/bundle.tar.xz"
cat "$STAGE"/cudaxz.* | xz -d -T0 > bench/runtimes/linux-x64/native/libonnxruntime_providers_cuda.so
sha256sum bench/runtimes/linux-x64/native/libonnxruntime_providers_cuda.so | tee "$OUTDIR/cuda-provider.sha256"

# ONNX Runtime 1.31's CUDA provider loads CUDA 13's cuBLAS, cudart, cuRAND (and cuDNN 9, cuFFT when a graph needs
# them): the machine's toolkit and the PyTorch wheels' copies, whichever has them.
LIBS=/usr/local/cuda/lib64
for lib in libcublas.so.13 libcublasLt.so.13 libcudart.so.13 libcurand.so.10 libcudnn.so.9 libcufft.so.12; do
  found=$(find /usr/local/cuda/ /usr/lib /opt -name "$lib*" 2>/dev/null | head -1 || true)
  echo "$lib: ${found:-not found}"
  [ -n "$found" ] && LIBS="$LIBS:$(dirname "$found")"
done
export LD_LIBRARY_PATH="$LIBS:${LD_LIBRARY_PATH:-}"
ldd bench/runtimes/linux-x64/native/libonnxruntime_providers_cuda.so | grep "not found" || echo "every library the CUDA provider needs resolves"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv | tee "$OUTDIR/gpu.txt"

export DOTNET_ROOT=/root/genq/dotnet DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
PY=$(command -v python3)
set -o pipefail
# The tiny model first: a broken provider or anchor shows in seconds, not after the T5-base build.
bench/GenQ.Generation.Benchmarks --tiny --provider cuda --strategies kv,kv-host,torch --torch-device cuda --python "$PY" \
  --batch 1,8 --repeats 1 --lengths realistic --threads 4 2>&1 | tail -5
bench/GenQ.Generation.Benchmarks --provider cuda --torch-device cuda --python "$PY" --threads 4 --out "$OUTDIR/generation-gpu.md" "$@" 2>&1 | tee "$OUTDIR/bench.log"
