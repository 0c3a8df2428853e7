using TrustSafety.Incident.StoringEvidenceFiles;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.StoringEvidenceFiles;

/// <summary>Issue 15: the pure decider of keeping a screenshot as a sealed evidence file.</summary>
public sealed class StoringEvidenceFilesTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Theory]
    [InlineData("cyberbullying", true)]
    [InlineData("online-hate", true)]
    [InlineData("nudes-semi-nudes", false)]
    [InlineData("indecent-images-of-children", false)]
    [InlineData("online-sexual-harassment", false)]
    public void a_screenshot_is_kept_only_for_categories_other_than_imagery_and_sexual_harassment(string category, bool accepted)
    {
        var decision = StoreEvidenceFile.Decide(Given.Triaged(category), new("Chat messages", "true", "image/png", Png), Given.Dsl, Given.Now,
            Guid.NewGuid());
        if (accepted) decision.ShouldAccept<EvidenceFileStored>().ContentType.ShouldBe("image/png");
        else decision.ShouldBeConflict("not accepted");
    }

    [Theory]
    [InlineData(null, "noNudityConfirmed")]
    [InlineData("false", "noNudityConfirmed")]
    [InlineData("yes", "noNudityConfirmed")]
    public void a_screenshot_needs_the_no_nudity_confirmation(string? confirmed, string field) =>
        StoreEvidenceFile.Decide(Given.Triaged(), new("Chat", confirmed, "image/png", Png), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid(field);

    [Fact]
    public void a_file_that_is_not_an_image_of_an_accepted_type_is_refused_whatever_it_claims()
    {
        StoreEvidenceFile.Decide(Given.Triaged(), new("Chat", "true", "image/png", "%PDF-1.7"u8.ToArray()), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("file");
        StoreEvidenceFile.Decide(Given.Triaged(), new("Chat", "true", "image/jpeg", Png), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("file");
        StoreEvidenceFile.Decide(Given.Triaged(), new(null, "true", null, null), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("description", "file");
    }
}
