using System.Buffers;
using System.Text;

namespace Aisle.Catalog;

/// <summary>
/// Cleans crawled text: repairs mojibake (UTF-8 that was decoded as Windows-1252 or Latin-1, possibly twice, such as
/// <c>MarbleworksÃ¢Â®</c>), drops U+FFFD replacement characters (the data behind them is lost), collapses every
/// whitespace run (line breaks and no-break spaces included) to one space and trims.
/// </summary>
/// <remarks>
/// Repair works in rounds. A round re-reads each "mojibake pair" (a UTF-8 lead byte seen as Â, Ã, Ä, Å, â or ï,
/// followed by characters that are UTF-8 continuation bytes in Windows-1252) as UTF-8. A round is kept only when it
/// leaves fewer such pairs than before, so text that merely contains accented letters is not touched. Once a text has
/// been repaired, a lone <c>â</c> left directly before a Latin-1 symbol (U+00A0–U+00BF, such as ®) is the residue of a
/// three-byte sequence that lost a byte in the crawl; it is dropped and the symbol kept.
/// </remarks>
public static class TextRepair
{
    private const int MaxRounds = 3;

    /// <summary>Returns the cleaned text; the same instance when nothing needed changing.</summary>
    public static string Fix(string text) => Fix(text, out _);

    /// <summary>Returns the cleaned text; <paramref name="repaired"/> tells whether mojibake was repaired
    /// (whitespace clean-up alone does not count).</summary>
    public static string Fix(string text, out bool repaired)
    {
        repaired = false;
        if (IsClean(text))
        {
            return text;
        }

        var current = text;
        var pairs = CountMojibakePairs(current);
        for (var round = 0; round < MaxRounds && pairs > 0; round++)
        {
            var next = DecodeRound(current, allowOrphanLead: repaired);
            if (next is null)
            {
                break;
            }

            var nextPairs = CountMojibakePairs(next);
            if (nextPairs >= pairs)
            {
                break;
            }

            current = next;
            pairs = nextPairs;
            repaired = true;
        }

        return NormalizeWhitespace(current);
    }

    /// <summary>True when the text is printable ASCII with single inner spaces: the common case, left untouched.</summary>
    private static bool IsClean(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
                continue;
            }

            if (c < 0x20 || c >= 0x7F)
            {
                return false;
            }

            previousSpace = false;
        }

        return true;
    }

    private static int CountMojibakePairs(string text)
    {
        var count = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (IsMojibakeLead(text[i]) && IsContinuation(text[i + 1]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Re-reads mojibake sequences as UTF-8; null when nothing changed.</summary>
    private static string? DecodeRound(string text, bool allowOrphanLead)
    {
        char[]? rented = null;
        var output = text.Length <= 256
            ? stackalloc char[256]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        Span<byte> bytes = stackalloc byte[4];
        var written = 0;
        var changed = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsMojibakeLead(c))
            {
                var length = SequenceLength(c);
                if (TryDecodeSequence(text, i, length, bytes, out var rune))
                {
                    written += rune.EncodeToUtf16(output[written..]);
                    i += length;
                    changed = true;
                    continue;
                }

                if (allowOrphanLead && c == '\u00E2' && i + 1 < text.Length && text[i + 1] is >= '\u00A0' and <= '\u00BF'
                    && (i + 2 == text.Length || !IsContinuation(text[i + 2])))
                {
                    output[written++] = text[i + 1];
                    i += 2;
                    changed = true;
                    continue;
                }
            }

            output[written++] = c;
            i++;
        }

        var result = changed ? new string(output[..written]) : null;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    private static bool TryDecodeSequence(string text, int start, int length, Span<byte> bytes, out Rune rune)
    {
        rune = default;
        if (start + length > text.Length)
        {
            return false;
        }

        for (var k = 0; k < length; k++)
        {
            var b = ToWindows1252Byte(text[start + k]);
            if (b < 0 || (k > 0 && !IsContinuationByte(b)))
            {
                return false;
            }

            bytes[k] = (byte)b;
        }

        // Rune decoding rejects overlong forms and surrogates, so only genuine UTF-8 is accepted.
        return Rune.DecodeFromUtf8(bytes[..length], out rune, out var consumed) == OperationStatus.Done
            && consumed == length;
    }

    /// <summary>Lead bytes whose mojibake shows up in Latin-script shop text: Â Ã (Latin-1), Ä Å (Latin
    /// Extended-A), â (punctuation and symbols), ï (BOM, specials). Others are too likely to be real letters.</summary>
    private static bool IsMojibakeLead(char c) => c is '\u00C2' or '\u00C3' or '\u00C4' or '\u00C5' or '\u00E2' or '\u00EF';

    private static int SequenceLength(char lead) => lead >= '\u00E0' ? 3 : 2;

    private static bool IsContinuation(char c) => IsContinuationByte(ToWindows1252Byte(c));

    private static bool IsContinuationByte(int b) => b is >= 0x80 and <= 0xBF;

    /// <summary>The Windows-1252 byte a character came from; the five bytes 1252 leaves undefined (and the C1 controls
    /// a Latin-1 decoder produces) map to themselves. -1 when the character is not a single 1252 byte.</summary>
    private static int ToWindows1252Byte(char c)
    {
        if (c <= '\u00FF')
        {
            return c;
        }

        return c switch
        {
            '\u20AC' => 0x80, '\u201A' => 0x82, '\u0192' => 0x83, '\u201E' => 0x84, '\u2026' => 0x85,
            '\u2020' => 0x86, '\u2021' => 0x87, '\u02C6' => 0x88, '\u2030' => 0x89, '\u0160' => 0x8A,
            '\u2039' => 0x8B, '\u0152' => 0x8C, '\u017D' => 0x8E, '\u2018' => 0x91, '\u2019' => 0x92,
            '\u201C' => 0x93, '\u201D' => 0x94, '\u2022' => 0x95, '\u2013' => 0x96, '\u2014' => 0x97,
            '\u02DC' => 0x98, '\u2122' => 0x99, '\u0161' => 0x9A, '\u203A' => 0x9B, '\u0153' => 0x9C,
            '\u017E' => 0x9E, '\u0178' => 0x9F,
            _ => -1,
        };
    }

    private static string NormalizeWhitespace(string text)
    {
        char[]? rented = null;
        var output = text.Length <= 256
            ? stackalloc char[256]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var written = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = written > 0;
                continue;
            }

            if (c == '\uFFFD' || char.IsControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                output[written++] = ' ';
                pendingSpace = false;
            }

            output[written++] = c;
        }

        var span = output[..written];
        var result = span.SequenceEqual(text) ? text : new string(span);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }
}
