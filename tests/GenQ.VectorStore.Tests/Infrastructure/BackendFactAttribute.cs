using Xunit.Sdk;

namespace GenQ.VectorStore.Tests.Infrastructure;

/// <summary>
/// A fact of the shared backend suite. Unlike <see cref="FactAttribute"/>, its skip reason is decided per concrete test
/// class (see <see cref="RequiresEnvironmentVariableAttribute"/>), so the suite declared once on an abstract base runs
/// against the embedded index and the stand-in, and is visibly skipped for a real Qdrant that is not configured.
/// </summary>
[XunitTestCaseDiscoverer("GenQ.VectorStore.Tests.Infrastructure.BackendFactDiscoverer", "GenQ.VectorStore.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute;
