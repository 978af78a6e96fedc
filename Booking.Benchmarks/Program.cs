using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Benchmarks run in this process: BenchmarkDotNet's default toolchain generates, restores and builds a separate
// project for every run, minutes on a 2-core machine, and measures the same Release code.
// ShortRun keeps a full run to a few minutes on a 2-core machine; figures go in docs/performance.md.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
