using System.Diagnostics;

namespace GenQ.AppHost.Redis;

/// <summary>
/// Whether a container engine answers. A docker CLI alone is not enough (build machines have the client without
/// an engine), so this asks the engine itself with a short timeout.
/// </summary>
internal static class ContainerRuntime
{
    private static readonly Lazy<bool> Answer = new(Probe);

    /// <summary>Asked once per process: Redis and Qdrant share the answer.</summary>
    public static bool IsAvailable() => Answer.Value;

    private static bool Probe()
    {
        foreach (var cli in new[] { "docker", "podman" })
        {
            if (Executables.Find(cli) is { } path && Answers(path))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Answers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
