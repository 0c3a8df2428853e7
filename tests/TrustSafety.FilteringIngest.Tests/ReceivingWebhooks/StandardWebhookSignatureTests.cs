namespace TrustSafety.FilteringIngest.Tests.ReceivingWebhooks;

public sealed class StandardWebhookSignatureTests
{
    private static readonly string Secret = SecretProtector.NewSecret();
    private static readonly string OtherSecret = SecretProtector.NewSecret();
    private static readonly DateTimeOffset Now = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""[{"occurredAt":"2025-02-01T11:59:00Z","activity":{"action":"Blocked"}}]""");

    private static SignatureCheck Check(string? id, string? ts, string? sig, byte[] body, params string[] secrets) =>
        StandardWebhookSignature.Verify(id, ts, sig, body, secrets, Now, TimeSpan.FromMinutes(5));

    private static string Ts(TimeSpan offset) => (Now + offset).ToUnixTimeSeconds().ToString();

    [Fact]
    public void a_correctly_signed_body_is_valid()
    {
        var ts = Ts(TimeSpan.Zero);
        Check("msg_1", ts, StandardWebhookSignature.Sign(Secret, "msg_1", long.Parse(ts), Body), Body, Secret).ShouldBe(SignatureCheck.Valid);
    }

    [Fact]
    public void the_known_standard_webhooks_test_vector_verifies()
    {
        // From the Standard Webhooks reference libraries' test suite.
        var secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
        var sig = StandardWebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        sig.ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    public static TheoryData<string, Func<(string? Id, string? Ts, string? Sig, byte[] Body, string[] Secrets)>, SignatureCheck> Cases() => new()
    {
        { "tampered body", () => { var ts = Ts(TimeSpan.Zero); return ("m", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), [.. Body, (byte)' '], [Secret]); }, SignatureCheck.BadSignature },
        { "wrong secret", () => { var ts = Ts(TimeSpan.Zero); return ("m", ts, StandardWebhookSignature.Sign(OtherSecret, "m", long.Parse(ts), Body), Body, [Secret]); }, SignatureCheck.BadSignature },
        { "id swapped after signing", () => { var ts = Ts(TimeSpan.Zero); return ("m2", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), Body, [Secret]); }, SignatureCheck.BadSignature },
        { "stale timestamp", () => { var ts = Ts(TimeSpan.FromMinutes(-6)); return ("m", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), Body, [Secret]); }, SignatureCheck.StaleOrFutureTimestamp },
        { "future timestamp", () => { var ts = Ts(TimeSpan.FromMinutes(6)); return ("m", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), Body, [Secret]); }, SignatureCheck.StaleOrFutureTimestamp },
        { "timestamp within tolerance", () => { var ts = Ts(TimeSpan.FromMinutes(-4)); return ("m", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), Body, [Secret]); }, SignatureCheck.Valid },
        { "missing id", () => (null, Ts(TimeSpan.Zero), "v1,AAAA", Body, [Secret]), SignatureCheck.MissingHeaders },
        { "missing timestamp", () => ("m", null, "v1,AAAA", Body, [Secret]), SignatureCheck.MissingHeaders },
        { "missing signature", () => ("m", Ts(TimeSpan.Zero), null, Body, [Secret]), SignatureCheck.MissingHeaders },
        { "non numeric timestamp", () => ("m", "yesterday", "v1,AAAA", Body, [Secret]), SignatureCheck.BadTimestamp },
        { "unsupported scheme only", () => { var ts = Ts(TimeSpan.Zero); return ("m", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body).Replace("v1,", "v2,"), Body, [Secret]); }, SignatureCheck.BadSignature },
        { "one of several signatures matches (rotation)", () => { var ts = Ts(TimeSpan.Zero); return ("m", ts, StandardWebhookSignature.Sign(OtherSecret, "m", long.Parse(ts), Body) + " " + StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), Body, [Secret]); }, SignatureCheck.Valid },
        { "old and new secret both valid during overlap", () => { var ts = Ts(TimeSpan.Zero); return ("m", ts, StandardWebhookSignature.Sign(OtherSecret, "m", long.Parse(ts), Body), Body, [Secret, OtherSecret]); }, SignatureCheck.Valid },
        { "no secrets (revoked or unknown source)", () => { var ts = Ts(TimeSpan.Zero); return ("m", ts, StandardWebhookSignature.Sign(Secret, "m", long.Parse(ts), Body), Body, []); }, SignatureCheck.BadSignature },
        { "garbage signature", () => ("m", Ts(TimeSpan.Zero), "v1,!!!notbase64", Body, [Secret]), SignatureCheck.BadSignature },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void signature_checks(string name, Func<(string? Id, string? Ts, string? Sig, byte[] Body, string[] Secrets)> input, SignatureCheck expected)
    {
        var (id, ts, sig, body, secrets) = input();
        Check(id, ts, sig, body, secrets).ShouldBe(expected, name);
    }

    [Fact]
    public void secrets_are_encrypted_at_rest_and_round_trip()
    {
        var protector = new SecretProtector(Microsoft.Extensions.Options.Options.Create(new IngestOptions { SecretEncryptionKey = new string('k', 40) }));
        var stored = protector.Encrypt(Secret);
        stored.ShouldNotContain(Secret[6..]);
        protector.Decrypt(stored).ShouldBe(Secret);
        var other = new SecretProtector(Microsoft.Extensions.Options.Options.Create(new IngestOptions { SecretEncryptionKey = new string('x', 40) }));
        Should.Throw<System.Security.Cryptography.CryptographicException>(() => other.Decrypt(stored));
    }
}
