// Generator replica scaling (issue 16): aggregate passages/s of 1 vs 2 generator-worker replicas through the real
// Redis queue. Not a test: a command run by hand; the machine is shared, so the table records the load.
//
//   dotnet run -c Release --project benchmarks/GenQ.GeneratorScaling.Benchmarks -- [options]
//
//   --passages <n>        measured passages per configuration (default 32: 4 batches)
//   --rounds <n>          rounds; each runs every configuration once, order rotated per round (default 3)
//   --configs <list>      replicas x threads, comma separated (default 1x2,2x1,2x2)
//   --collection <name>   BEIR collection under ../shared/eval-data next to the repository, or a folder (default cranfield);
//                         the first <n> documents with text are read at run time
//   --batch-size <n>      passages per GeneratePassagesJob (default 8, as the search API publishes)
//   --new-tokens <n>      every query is forced to exactly n new tokens (min = max; default 11, see below)
//   --tiny                2-layer test model instead of the random T5-base-shaped one (checks the plumbing in seconds)
//   --model-dir <dir>     model folder (default: the one GenQ.Generation.Benchmarks builds, /tmp/genq-bench-t5-base[-tiny];
//                         built here if missing)
//   --worker <dll>        GenQ.GeneratorWorker.dll (default: the worker built with this bench, same configuration)
//   --provider <p>        Generation__Provider of the workers (default Cpu)
//   --timeout-minutes <m> deadline of one measurement (default 15)
//   --out <file>          also write the markdown table to <file>
//
// Per measurement: an emptied redis-server, K fresh worker processes (dotnet GenQ.GeneratorWorker.dll, configured by
// environment variables as Aspire configures them), /health polled, one full-size warm-up batch per replica (model load,
// first ONNX Runtime run at the measured shape; not counted), then a new current run whose batches are published at once. The time runs from the
// first publish to the stream id of the last TrainingPairsJob the workers append. The random-weight model never picks
// EOS, so Generation__MinNewTokens = MaxNewTokens = 11 forces the mean length of the realistic doc2query schedule
// (tests/GenQ.Generation.Testing QueryLengthSchedule) on every query.
using GenQ.Benchmarking;
using GenQ.GeneratorScaling.Benchmarks;

var options = ScalingOptions.Parse(args);
var log = Console.Error;
var root = BenchPaths.RepositoryRoot();
var workerDll = options.WorkerDll ?? BenchPaths.WorkerDll(root);
var model = BenchModel.Ensure(options.ModelFolder, BenchModel.Spec(options.Tiny), log);
var passages = BeirPassages.ReadFirst(BenchPaths.Collection(root, options.Collection), options.Passages);
var machine = BenchMachine.Describe();
log.WriteLine(machine);
log.WriteLine($"Worker {workerDll}; model {model}");

// Ctrl+C cancels the polling instead of ending the process, so the finally blocks stop the workers and redis-server.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
IReadOnlyList<ScalingSample> samples;
try
{
    samples = await new ScalingBench(options, workerDll, model, log, cancellation.Token).RunAsync(passages);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    log.WriteLine("Cancelled; workers and redis-server stopped.");
    return 130;
}

var report = ScalingReport.Markdown(machine + $"; load at the end {BenchMachine.LoadAverage()}", options, samples);
Console.WriteLine(report);
if (options.OutFile is not null)
{
    await File.WriteAllTextAsync(options.OutFile, report);
}

return 0;
