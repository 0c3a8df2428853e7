using System.Security.Cryptography;
using TrustSafety.Incident.DataProtection;

namespace TrustSafety.DataProtection.Tests;

public sealed class FieldCipherTests
{
    private static readonly byte[] File = RandomNumberGenerator.GetBytes(32), Pupil = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void a_sealed_field_opens_only_with_every_key_and_its_context()
    {
        var sealedText = FieldCipher.Seal("Named child", [File, Pupil], "incident/whatHappened");
        sealedText.ShouldStartWith(FieldCipher.Prefix);
        sealedText.ShouldNotContain("Named");
        FieldCipher.Open(sealedText, [File, Pupil], "incident/whatHappened").ShouldBe("Named child");
        FieldCipher.Open(sealedText, [File, null], "incident/whatHappened").ShouldBe(FieldCipher.Erased);
        FieldCipher.Open(sealedText, [File, RandomNumberGenerator.GetBytes(32)], "incident/whatHappened").ShouldBe(FieldCipher.Erased);
        FieldCipher.Open(sealedText, [File, Pupil], "incident/people.0.name").ShouldBe(FieldCipher.Erased);
    }

    [Fact]
    public void a_value_stored_before_sealing_existed_reads_as_it_was() =>
        FieldCipher.Open("Plain older text", [null], "x").ShouldBe("Plain older text");
}
