using GenQ.Generation.Benchmarks;

var settings = BenchSettings.Parse(args);
var report = settings.SamplerOnly ? SamplerBench.Run(settings, Console.Out) : GenerationBench.Run(settings, Console.Out);
if (settings.MarkdownOut is { } path)
{
    File.WriteAllText(path + ".tmp", report);
    File.Move(path + ".tmp", path, overwrite: true);
    Console.WriteLine($"Wrote {path}");
}
