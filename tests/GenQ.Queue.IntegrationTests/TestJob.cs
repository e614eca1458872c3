using System.Text.Json.Serialization;
using GenQ.Contracts.Jobs;

namespace GenQ.Queue.IntegrationTests;

public sealed record TestJob(int Number, string Payload) : IJob
{
    public static string MessageType => "genq.test";
    public static int Version => 1;
    public static string Queue => "test";
}

[JsonSerializable(typeof(TestJob))]
public sealed partial class TestJsonContext : JsonSerializerContext;
