using System.Text;
using TrustSafety.FilteringIngest.Adapters;

namespace TrustSafety.FilteringIngest.ReceivingSyslog;

/// <summary>
/// RFC 6587 TCP framing, both kinds on the same connection: octet counting ("123 &lt;34&gt;1 …") when a frame starts
/// with a digit, otherwise non-transparent framing ending at LF (CR and NUL tolerated). Oversized frames are cut
/// and reported, never allowed to grow the buffer without bound.
/// </summary>
public sealed class SyslogFrameDecoder(int maxFrameBytes = 64 * 1024)
{
    private byte[] _buffer = new byte[4096];
    private int _count;
    private bool _discarding;

    public sealed record Frame(string Text, bool Truncated);

    public IReadOnlyList<Frame> Push(ReadOnlySpan<byte> data)
    {
        Append(data);
        var frames = new List<Frame>();
        var offset = 0;
        while (offset < _count)
        {
            var span = _buffer.AsSpan(offset, _count - offset);
            if (_discarding)
            {
                var end = span.IndexOf((byte)'\n');
                if (end < 0) { offset = _count; break; }
                _discarding = false;
                offset += end + 1;
                continue;
            }
            if (span[0] is (byte)'\n' or (byte)'\r' or 0 or (byte)' ') { offset++; continue; }
            if (char.IsAsciiDigit((char)span[0]))
            {
                var space = span.IndexOf((byte)' ');
                var digits = space < 0 ? span.Length : space;
                var allDigits = true;
                for (var i = 0; i < Math.Min(digits, span.Length); i++) allDigits &= char.IsAsciiDigit((char)span[i]);
                if (allDigits && digits <= 9)
                {
                    if (space < 0) break;
                    var length = int.Parse(Encoding.ASCII.GetString(span[..space]), System.Globalization.CultureInfo.InvariantCulture);
                    if (length > maxFrameBytes)
                    {
                        frames.Add(new Frame(Decode(span[(space + 1)..Math.Min(span.Length, space + 1 + 512)]), true));
                        _discarding = true;
                        offset += space + 1;
                        continue;
                    }
                    if (span.Length < space + 1 + length) break;
                    frames.Add(new Frame(Decode(span.Slice(space + 1, length)), false));
                    offset += space + 1 + length;
                    continue;
                }
            }
            var newline = span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (span.Length > maxFrameBytes)
                {
                    frames.Add(new Frame(Decode(span[..512]), true));
                    _discarding = true;
                    offset = _count;
                }
                break;
            }
            if (newline > maxFrameBytes) frames.Add(new Frame(Decode(span[..512]), true));
            else frames.Add(new Frame(Decode(span[..newline]), false));
            offset += newline + 1;
        }
        Compact(offset);
        return frames;
    }

    /// <summary>What is left when the connection closes: a last line without LF is still a message.</summary>
    public Frame? Flush()
    {
        if (_count == 0 || _discarding) return null;
        var text = Decode(_buffer.AsSpan(0, _count));
        _count = 0;
        return text.Trim().Length == 0 ? null : new Frame(text, false);
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\r', '\0').TrimStart('\uFEFF');

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_count + data.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + data.Length));
        data.CopyTo(_buffer.AsSpan(_count));
        _count += data.Length;
    }

    private void Compact(int consumed)
    {
        if (consumed == 0) return;
        _count -= consumed;
        if (_count > 0) Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _count);
        if (_buffer.Length > 4 * maxFrameBytes && _count < maxFrameBytes) Array.Resize(ref _buffer, Math.Max(4096, _count));
    }
}

/// <summary>A syslog message's header (RFC 5424 or BSD RFC 3164) split from its payload; anything else is all payload.</summary>
public sealed record SyslogMessage(int? Priority, string? Timestamp, string? Host, string? App, string Payload)
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static SyslogMessage Parse(string frame)
    {
        var text = frame.TrimStart();
        if (!text.StartsWith('<')) return new SyslogMessage(null, null, null, null, text);
        var close = text.IndexOf('>');
        if (close is < 2 or > 4 || !int.TryParse(text.AsSpan(1, close - 1), System.Globalization.CultureInfo.InvariantCulture, out var pri) || pri > 191)
            return new SyslogMessage(null, null, null, null, text);
        var rest = text[(close + 1)..];

        if (rest.Length > 2 && char.IsAsciiDigit(rest[0]) && (rest[1] == ' ' || (char.IsAsciiDigit(rest[1]) && rest.Length > 3 && rest[2] == ' ')))
        {
            var fields = rest.Split(' ', 7);
            if (fields.Length == 7)
            {
                var sdAndMsg = fields[6];
                var msg = SkipStructuredData(sdAndMsg);
                return new SyslogMessage(pri, Nil(fields[1]), Nil(fields[2]), Nil(fields[3]), msg.TrimStart('\uFEFF'));
            }
            return new SyslogMessage(pri, null, null, null, rest);
        }
        if (rest.Length >= 16 && Months.Contains(rest[..3]) && rest[3] == ' ' && rest[6] == ' ' && rest[9] == ':' && rest[12] == ':')
        {
            var timestamp = rest[..15];
            var after = rest[16..];
            var space = after.IndexOf(' ');
            if (space > 0 && !after[..space].Contains('='))
                return new SyslogMessage(pri, timestamp, after[..space], null, after[(space + 1)..]);
            return new SyslogMessage(pri, timestamp, null, null, after);
        }
        return new SyslogMessage(pri, null, null, null, rest);
    }

    /// <summary>
    /// The context with this header's time (RFC 5424 exact; RFC 3164 local time in the source's zone, its year the one
    /// nearest receipt), for records that carry no time of their own.
    /// </summary>
    public AdapterContext WithHeaderTime(AdapterContext context) =>
        Timestamp is { } stamp && VendorTimes.TryParse(stamp, context.Zone, context.Time.GetUtcNow(), allowUnix: false, out var time)
            ? context with { HeaderTime = time }
            : context;

    private static string? Nil(string value) => value == "-" ? null : value;

    private static string SkipStructuredData(string text)
    {
        if (text.StartsWith('-')) return text.Length > 1 ? text[1..].TrimStart() : "";
        var i = 0;
        while (i < text.Length && text[i] == '[')
        {
            var inQuotes = false;
            for (i++; i < text.Length; i++)
            {
                if (text[i] == '\\') { i++; continue; }
                if (text[i] == '"') inQuotes = !inQuotes;
                else if (text[i] == ']' && !inQuotes) { i++; break; }
            }
        }
        return i < text.Length ? text[i..].TrimStart() : "";
    }
}
