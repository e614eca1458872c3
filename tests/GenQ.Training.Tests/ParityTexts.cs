namespace GenQ.Training.Tests;

/// <summary>64 varied texts: short and long, punctuation, digits, casing, accents, non-Latin scripts, truncation.</summary>
public static class ParityTexts
{
    public static IReadOnlyList<string> All { get; } = Build();

    private static string[] Build()
    {
        string[] fixedTexts =
        [
            "hi",
            "?",
            "What is the boundary layer?",
            "experimental investigation of the aerodynamics of a wing in a slipstream .",
            "An experimental study of a wing in a propeller slipstream was made in order to determine the spanwise distribution of the lift increase due to slipstream at different angles of attack of the wing.",
            "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG",
            "the quick brown fox jumps over the lazy dog",
            "Café, naïve, résumé — déjà vu!",
            "Zürich liegt in der Schweiz und hat 400'000 Einwohner.",
            "東京は日本の首都です。",
            "Москва — столица России.",
            "مرحبا بالعالم",
            "emoji 🙂 and symbols ©®™ ±≈≠",
            "3.14159 2.71828 1.41421 1e-12 0x7fff",
            "E = mc^2, F = ma, PV = nRT",
            "C# and F# run on .NET; Python uses PyTorch.",
            "https://example.com/path?query=1&x=y",
            "user@example.org wrote: \"quoted text\" (in parentheses) [brackets] {braces}",
            "tabs\tand\nnewlines\r\nmixed",
            "    leading and trailing spaces    ",
            "unbelievably transformational tokenization antidisestablishmentarianism",
            "a a a a a a a a a a a a a a a a a a a a",
            "How many people live in London?",
            "Around 9 million people live in London.",
            "heat transfer in laminar flow over a flat plate at high mach numbers",
            "what similarity laws must be obeyed when constructing aeroelastic models of heated high speed aircraft",
            "The cat sat on the mat.",
            "Is it raining?",
            "no",
            "Yes!",
            "1",
            "#hashtag @mention $dollar %percent ^caret &ampersand *star",
        ];
        var generated = new List<string>(fixedTexts);
        var words = "pressure distribution supersonic flow cylinder shock wave buckling shell panel flutter nozzle jet turbulent transition".Split(' ');
        var random = new Random(1234);
        while (generated.Count < 62)
        {
            var length = random.Next(3, 60);
            generated.Add(string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)])));
        }

        // Two texts longer than the 256-token limit: truncation must agree too.
        generated.Add(string.Join(' ', Enumerable.Repeat("the pressure distribution on a slender body", 60)));
        generated.Add(string.Join(", ", Enumerable.Range(0, 400).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return [.. generated];
    }
}
