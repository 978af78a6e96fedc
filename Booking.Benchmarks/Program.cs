using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Benchmarks run in this process: BenchmarkDotNet's default toolchain builds and starts a separate
// executable, which needs a .NET 8 runtime these machines do not have (this one ships its own).
// ShortRun keeps a full run to a few minutes on a 2-core machine; figures go in docs/performance.md.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
