namespace GenQ.Contracts.Jobs;

/// <summary>
/// A message that travels over a GenQ work queue. The wire name and version are explicit constants,
/// never derived from the CLR type name, so renaming a class cannot silently break the wire.
/// </summary>
public interface IJob
{
    /// <summary>Stable wire name, e.g. <c>genq.generate-passages</c>.</summary>
    static abstract string MessageType { get; }

    /// <summary>Schema version of the message body; a consumer rejects versions it does not know.</summary>
    static abstract int Version { get; }

    /// <summary>The stream (queue) this message is published to.</summary>
    static abstract string Queue { get; }
}
