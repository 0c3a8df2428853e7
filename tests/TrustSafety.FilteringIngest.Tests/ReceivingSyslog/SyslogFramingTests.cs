using TrustSafety.FilteringIngest.ReceivingSyslog;

namespace TrustSafety.FilteringIngest.Tests.ReceivingSyslog;

public sealed class SyslogFramingTests
{
    private static List<string> Decode(params string[] chunks)
    {
        var decoder = new SyslogFrameDecoder(1024);
        var frames = new List<string>();
        foreach (var chunk in chunks) frames.AddRange(decoder.Push(Encoding.UTF8.GetBytes(chunk)).Select(f => f.Truncated ? "TRUNCATED:" + f.Text[..5] : f.Text));
        if (decoder.Flush() is { } last) frames.Add(last.Text);
        return frames;
    }

    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        { "newline framing", ["<13>a\n<13>b\n"], ["<13>a", "<13>b"] },
        { "crlf framing", ["<13>a\r\n<13>b\r\n"], ["<13>a", "<13>b"] },
        { "octet counting", ["5 <13>a6 <13>bc"], ["<13>a", "<13>bc"] },
        { "octet counting frame with embedded newline", ["9 <13>a\nb\nc"], ["<13>a\nb\nc"] },
        { "octet counting split across reads", ["1", "0 <13>ab", "cdef"], ["<13>abcdef"] },
        { "newline frame split across reads", ["<13>ab", "cd\n<13", ">e\n"], ["<13>abcd", "<13>e"] },
        { "mixed framings on one connection", ["5 <13>a<13>b\n4 <1>c"], ["<13>a", "<13>b", "<1>c"] },
        { "last line without newline is kept at close", ["<13>a\n<13>tail"], ["<13>a", "<13>tail"] },
        { "blank lines and NULs are skipped", ["\n\n\0<13>a\n\n"], ["<13>a"] },
        { "digits without a space are a plain line", ["12345\n"], ["12345"] },
        { "utf8 split mid character across reads", ["<13>caf", "é\n"], ["<13>café"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void frames_are_cut_as_rfc6587_says(string name, string[] chunks, string[] expected) =>
        Decode(chunks).ToArray().ShouldBe(expected, name);

    [Fact]
    public void an_oversized_octet_counted_frame_is_reported_truncated_and_the_stream_recovers()
    {
        var frames = Decode("99999 <13>" + new string('x', 50), "\n<13>next\n");
        frames[0].ShouldStartWith("TRUNCATED:");
        frames.ShouldContain("<13>next");
    }

    [Fact]
    public void an_endless_line_does_not_grow_the_buffer_without_bound()
    {
        var decoder = new SyslogFrameDecoder(1024);
        var truncated = 0;
        for (var i = 0; i < 100; i++) truncated += decoder.Push(Encoding.UTF8.GetBytes(new string('y', 1000))).Count(f => f.Truncated);
        truncated.ShouldBe(1);
        decoder.Push("\n<13>ok\n"u8).Select(f => f.Text).ShouldBe(["<13>ok"]);
    }

    public static TheoryData<string, string, int?, string?, string> Headers() => new()
    {
        { "rfc5424 with nil structured data", "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 - date=1 action=blocked", 165, "mymachine.example.com", "date=1 action=blocked" },
        { "rfc5424 with structured data", "<165>1 2003-10-11T22:14:15.003Z host app 1 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"App]lication\"] CEF:0|a", 165, "host", "CEF:0|a" },
        { "rfc5424 with BOM in msg", "<34>1 2003-10-11T22:14:15.003Z h a - - - \uFEFFhello", 34, "h", "hello" },
        { "rfc3164 with host", "<34>Oct 11 22:14:15 mymachine su: 'su root' failed", 34, "mymachine", "su: 'su root' failed" },
        { "rfc3164 single digit day", "<34>Oct  1 22:14:15 fgt CEF:0|Fortinet", 34, "fgt", "CEF:0|Fortinet" },
        { "fortigate pri then key value", "<189>date=2018-12-27 time=11:23:50 action=blocked", 189, null, "date=2018-12-27 time=11:23:50 action=blocked" },
        { "no header at all", "date=2018-12-27 action=blocked", null, null, "date=2018-12-27 action=blocked" },
        { "pri out of range is payload", "<999>x", null, null, "<999>x" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void headers_are_split_from_the_payload(string name, string frame, int? pri, string? host, string payload)
    {
        var message = SyslogMessage.Parse(frame);
        message.Priority.ShouldBe(pri, name);
        message.Host.ShouldBe(host, name);
        message.Payload.ShouldBe(payload, name);
    }
}
