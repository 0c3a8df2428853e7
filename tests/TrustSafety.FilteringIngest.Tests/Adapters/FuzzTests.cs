using TrustSafety.FilteringIngest.ReceivingSyslog;

namespace TrustSafety.FilteringIngest.Tests.Adapters;

/// <summary>Random, truncated and mutated input at every adapter and the syslog decoders: a record error, never an exception.</summary>
public sealed class FuzzTests
{
    private static readonly FormatAdapters Adapters = new();
    private const string Specials = "\"|=,\\\n{}[]:<> ";

    public static TheoryData<string> Formats()
    {
        var data = new TheoryData<string>();
        foreach (var f in new FormatAdapters().Formats) data.Add(f);
        return data;
    }

    private static IEnumerable<byte[]> Inputs(string format, int seed)
    {
        var random = new Random(seed);
        var samples = AdapterFixtures.All.Where(f => f.Format == format).Select(f => Encoding.UTF8.GetBytes(f.Raw)).ToList();
        foreach (var sample in samples)
        {
            for (var cut = 0; cut < sample.Length; cut += Math.Max(1, sample.Length / 40)) yield return sample[..cut];
            for (var i = 0; i < 60; i++)
            {
                var mutated = (byte[])sample.Clone();
                for (var m = 0; m < 1 + random.Next(8); m++)
                {
                    var at = random.Next(mutated.Length);
                    mutated[at] = random.Next(4) switch
                    {
                        0 => (byte)random.Next(256),
                        1 => (byte)Specials[random.Next(Specials.Length)],
                        2 => 0,
                        _ => (byte)'9',
                    };
                }
                yield return mutated;
            }
        }
        for (var i = 0; i < 100; i++)
        {
            var junk = new byte[random.Next(0, 600)];
            random.NextBytes(junk);
            yield return junk;
        }
        yield return Encoding.UTF8.GetBytes(new string('[', 5000));
        yield return Encoding.UTF8.GetBytes(new string('"', 5001));
        yield return Encoding.UTF8.GetBytes("CEF:0|" + new string('|', 100) + new string('=', 100));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void no_input_makes_an_adapter_throw(string format)
    {
        var adapter = Adapters.For(format)!;
        var count = 0;
        // A seed stable across runs (string.GetHashCode is randomised per process), so a failure can be rerun as it was.
        foreach (var input in Inputs(format, format.Aggregate(17, (h, c) => unchecked((h * 31) + c))))
        {
            var output = Should.NotThrow(() => adapter.Parse(input, AdapterContext.Default), $"{format} threw on input #{count}: {Convert.ToBase64String(input)}");
            (output.BodyError is not null || output.Total > 0 || input.All(b => b is (byte)'\n' or (byte)'\r' or (byte)' ')).ShouldBeTrue();
            count++;
        }
        count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void no_input_makes_the_syslog_decoders_throw()
    {
        var random = new Random(42);
        var decoder = new SyslogFrameDecoder(2048);
        for (var i = 0; i < 3000; i++)
        {
            var chunk = new byte[random.Next(0, 300)];
            random.NextBytes(chunk);
            if (i % 3 == 0)
            {
                var prefix = Encoding.ASCII.GetBytes(random.Next(100000).ToString() + " ");
                prefix.AsSpan(0, Math.Min(prefix.Length, chunk.Length)).CopyTo(chunk);
            }
            var frames = Should.NotThrow(() => decoder.Push(chunk));
            foreach (var frame in frames)
            {
                var message = Should.NotThrow(() => SyslogMessage.Parse(frame.Text));
                Should.NotThrow(() => ((ILineAdapter)Adapters.For("cef")!).ParseLine(message.Payload, AdapterContext.Default, out _));
                Should.NotThrow(() => ((ILineAdapter)Adapters.For("fortigate-kv")!).ParseLine(message.Payload, AdapterContext.Default, out _));
            }
        }
        Should.NotThrow(() => decoder.Flush());
        foreach (var head in new[] { "<", "<1", "<1>", "<1>1", "<1>1 ", "<1>1 a b c d [", "<1>1 a b c d [x \"", "<1>Oct", "<1>Oct 11 22:14:15", "<>" })
            Should.NotThrow(() => SyslogMessage.Parse(head));
    }
}
