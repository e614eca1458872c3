namespace GenQ.ModelStore;

/// <summary>One file of a model version: its path inside the version folder ('/'-separated), sha256 (lower-case hex) and size.</summary>
public sealed record ModelFileRecord(string Path, string Sha256, long Size);
