using System.Buffers;
using System.Text;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// Splits an upload into lines at the byte level and decodes each line strictly, so invalid UTF-8 is reported with
/// the number of the line that holds it (a StreamReader replaces bad bytes with U+FFFD silently, and decodes whole
/// buffers ahead, which would blame an earlier line). A line over the limit is reported without buffering it whole.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int maxLineBytes)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new();
    private int _start;
    private int _end;
    private bool _atStart = true;

    public int LineNumber { get; private set; }

    /// <summary>The next line without its terminator, or null at the end of the upload.</summary>
    public async Task<UploadLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.ResetWrittenCount();
        var tooLong = false;
        var sawAny = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return sawAny ? Finish(tooLong) : null;
                }
                SkipBomOnce();
            }
            sawAny = true;
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            var chunk = newline < 0 ? span : span[..newline];
            if (!tooLong && _line.WrittenCount + chunk.Length > maxLineBytes)
            {
                tooLong = true;
            }
            if (!tooLong)
            {
                _line.Write(chunk);
            }
            _start += newline < 0 ? span.Length : newline + 1;
            if (newline >= 0)
            {
                return Finish(tooLong);
            }
        }
    }

    private UploadLine Finish(bool tooLong)
    {
        LineNumber++;
        if (tooLong)
        {
            return new UploadLine(LineNumber, null, $"longer than the limit of {maxLineBytes} bytes");
        }
        var bytes = _line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }
        try
        {
            return new UploadLine(LineNumber, Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException ex)
        {
            return new UploadLine(LineNumber, null, $"not valid UTF-8 (byte 0x{ex.BytesUnknown?.FirstOrDefault():X2} at byte {ex.Index + 1} of the line)");
        }
    }

    private void SkipBomOnce()
    {
        if (_atStart)
        {
            _atStart = false;
            if (_buffer.AsSpan(0, _end).StartsWith(Bom))
            {
                _start = Bom.Length;
            }
        }
    }
}
