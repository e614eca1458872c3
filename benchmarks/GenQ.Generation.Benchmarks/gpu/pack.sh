#!/usr/bin/env bash
# Packs what gpu/run-on-device.sh needs into .gpu/ (add "/.gpu/" to .git/info/exclude first): c1..c3 hold the xz
# pieces of ONNX Runtime's CUDA provider (one per device call: a call carries at most 64 MiB with the checkout),
# c4 the .NET runtime, the bench's Release build and libonnxruntime.so. Run from the repository root.
set -euo pipefail
dotnet build benchmarks/GenQ.Generation.Benchmarks -c Release -v q -nologo
BIN=benchmarks/GenQ.Generation.Benchmarks/bin/Release/net10.0
NATIVE=$BIN/runtimes/linux-x64/native
DOTNET=$(dirname "$(readlink -f "$(command -v dotnet)")")
RUNTIME=$(basename "$(ls -d "$DOTNET"/shared/Microsoft.NETCore.App/* | sort -V | tail -1)")
rm -rf .gpu/c4 /tmp/genq-gpu-pack && mkdir -p .gpu/c1 .gpu/c2 .gpu/c3 .gpu/c4 /tmp/genq-gpu-pack/dotnet/host /tmp/genq-gpu-pack/dotnet/shared/Microsoft.NETCore.App
cp "$DOTNET/dotnet" /tmp/genq-gpu-pack/dotnet/
cp -r "$DOTNET/host/fxr" /tmp/genq-gpu-pack/dotnet/host/
cp -r "$DOTNET/shared/Microsoft.NETCore.App/$RUNTIME" /tmp/genq-gpu-pack/dotnet/shared/Microsoft.NETCore.App/
cp -r "$BIN" /tmp/genq-gpu-pack/bench
rm -rf /tmp/genq-gpu-pack/bench/basemodels /tmp/genq-gpu-pack/bench/runtimes/linux-x64/native/libonnxruntime_providers_{cuda,tensorrt}.so
tar -C /tmp/genq-gpu-pack -cf - dotnet bench | xz -T0 -6 > .gpu/c4/bundle.tar.xz
if [ ! -s .gpu/c3/cudaxz.2 ]; then
  xz -T0 -9 -c "$NATIVE/libonnxruntime_providers_cuda.so" | split -b 62300000 -d -a 1 - /tmp/genq-gpu-pack/cudaxz.
  for i in 0 1 2; do mv "/tmp/genq-gpu-pack/cudaxz.$i" ".gpu/c$((i + 1))/"; done
fi
ls -la .gpu/*
