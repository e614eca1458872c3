using System.Text.Json;
using GenQ.WebApp.Display;

namespace GenQ.WebApp.Tests.Display;

public sealed class JsonViewTests
{
    [Fact]
    public void VersionsBecomeRowsWithEveryFieldAsAColumnAndADecisionAsItsVerdict()
    {
        var json = JsonDocument.Parse("""
            [{"version":"base-r1","live":false,"pairs":null,"promotion":null},
             {"version":"v0001","live":true,"pairs":291,"fusion":"rrf:60","promotion":{"decision":"promoted","reason":"hybrid MRR@10 +0.05"}}]
            """).RootElement;

        var rows = JsonView.Rows(json);
        Assert.Equal(["version", "live", "pairs", "promotion", "fusion"], JsonView.Columns(rows));
        Assert.Equal("no", JsonView.Cell(rows[0], "live"));
        Assert.Equal("–", JsonView.Cell(rows[0], "pairs"));
        Assert.Equal("", JsonView.Cell(rows[0], "fusion"));
        Assert.Equal("291", JsonView.Cell(rows[1], "pairs"));
        Assert.Equal("promoted: hybrid MRR@10 +0.05", JsonView.Cell(rows[1], "promotion"));
        Assert.Equal("created utc", JsonView.Heading("createdUtc"));
    }
}
