namespace GenQ.Generation.Tests.Decoding;

/// <summary>
/// Five passages of different lengths and topics for the decoding tests: different passages decode differently on the
/// tiny models, and their rows finish at different steps, so row replication and row drops both happen.
/// </summary>
internal static class ShortPassages
{
    public static readonly string[] All =
    [
        "The present study is a history of the Dewey Decimal Classification.",
        "correlation between maternal and fetal plasma levels of glucose and free fatty acids",
        "experimental investigation of the aerodynamics of a wing in a slipstream",
        "information retrieval evaluation",
        "glucose levels in plasma",
    ];
}
