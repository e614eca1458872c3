using System.Diagnostics;

namespace GenQ.Deploy.Tests;

/// <summary>Runs <c>kubectl kustomize</c>: renders an overlay without a cluster.</summary>
public static class Kubectl
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    public static string Kustomize(string folder)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("kubectl not found"), ["kustomize", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            throw new TimeoutException($"kubectl kustomize {folder} did not finish in a minute");
        }
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed: {error.Result}");
        return output.Result;
    }
}
