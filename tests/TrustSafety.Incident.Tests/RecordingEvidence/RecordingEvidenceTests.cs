using System.Text.Json;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RecordingEvidence;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.RecordingEvidence;

public sealed class RecordingEvidenceTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly ReferenceEvidenceRequest Valid = new("Screenshot captured by monitoring", "https://vendor.example/capture/1", Sha, "DSL", "Safe, DSL office");

    [Theory]
    [InlineData("no description", "description")]
    [InlineData("no reference at all", "vendorCaptureUri")]
    [InlineData("relative uri", "vendorCaptureUri")]
    [InlineData("ftp uri", "vendorCaptureUri")]
    [InlineData("short hash", "sha256")]
    [InlineData("non-hex hash", "sha256")]
    public void an_evidence_reference_that_breaks_a_rule_is_rejected(string breakage, string field)
    {
        var request = breakage switch
        {
            "no description" => Valid with { Description = null },
            "no reference at all" => new ReferenceEvidenceRequest("desc", null, null, null, null),
            "relative uri" => Valid with { VendorCaptureUri = "/capture/1" },
            "ftp uri" => Valid with { VendorCaptureUri = "ftp://vendor.example/1" },
            "short hash" => Valid with { Sha256 = "abc" },
            _ => Valid with { Sha256 = new string('z', 64) },
        };
        ReferenceEvidence.Decide(Given.Triaged(), request, Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid(field);
    }

    [Fact]
    public void a_reference_is_accepted_for_imagery_categories_because_it_holds_no_imagery() =>
        ReferenceEvidence.Decide(Given.Triaged("nudes-semi-nudes"), Valid, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<EvidenceReferenced>().Sha256.ShouldBe(Sha);

    [Theory]
    [InlineData("nudes-semi-nudes")]
    [InlineData("indecent-images-of-children")]
    public void an_upload_for_an_imagery_category_is_refused_citing_ukcis_and_audited_as_imagery(string category)
    {
        var (fact, status, _, detail) = ReferenceEvidence.RefuseUpload(Given.Triaged(category), Given.Dsl, Given.Now, "multipart/form-data");
        fact.ShouldBeOfType<ImageryUploadRefused>().Category.ShouldBe(category);
        status.ShouldBe(422);
        detail.ShouldContain("UKCIS");
    }

    [Fact]
    public void an_upload_reported_as_imagery_but_not_yet_triaged_is_refused_as_imagery() =>
        ReferenceEvidence.RefuseUpload(Given.Reported(category: "nudes-semi-nudes"), Given.Dsl, Given.Now, "image/jpeg")
            .AuditFact.ShouldBeOfType<ImageryUploadRefused>();

    [Theory]
    [InlineData("image/png", 415)]
    [InlineData("application/json", 422)]
    public void an_upload_for_other_categories_is_refused_as_by_reference_only(string contentType, int status)
    {
        var refusal = ReferenceEvidence.RefuseUpload(Given.Triaged("cyberbullying"), Given.Dsl, Given.Now, contentType);
        refusal.AuditFact.ShouldBeOfType<EvidenceUploadRefused>();
        refusal.Status.ShouldBe(status);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x", 100, true)]
    [InlineData("image/jpeg", 100, true)]
    [InlineData("application/octet-stream", 100, true)]
    [InlineData(null, 100, true)]
    [InlineData("application/json", 70_000, true)]
    [InlineData("application/json; charset=utf-8", 300, false)]
    public void uploads_are_recognised_by_their_envelope(string? contentType, long length, bool upload) =>
        UploadInspection.IsUploadByEnvelope(contentType, length, 64 * 1024).ShouldBe(upload);

    [Theory]
    [InlineData("""{"description":"d","bytes":"AAEC"}""", true)]
    [InlineData("""{"description":"d","imageBase64":"AAEC"}""", true)]
    [InlineData("""{"description":"d","evidence":{"file":"x"}}""", true)]
    [InlineData("""{"description":"d","vendorCaptureUri":"data:image/png;base64,AAAA"}""", true)]
    [InlineData("""{"description":"d","image":null}""", false)]
    [InlineData("""{"description":"d","vendorCaptureUri":"https://v.example/1","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""", false)]
    public void json_bodies_carrying_file_content_are_recognised(string json, bool upload)
    {
        using var document = JsonDocument.Parse(json);
        UploadInspection.CarriesBytes(document.RootElement).ShouldBe(upload);
    }

    [Fact]
    public void a_long_base64_string_anywhere_is_an_upload()
    {
        using var document = JsonDocument.Parse($$"""{"description":"{{Convert.ToBase64String(new byte[600])}}"}""");
        UploadInspection.CarriesBytes(document.RootElement).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("nudes-semi-nudes", false)]
    [InlineData("cyberbullying", true)]
    public void imagery_viewed_is_refused_only_for_incidents_known_to_be_about_something_else(string? category, bool refused)
    {
        var incident = category is null ? Given.Reported() : Given.Triaged(category);
        var decision = RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Dsl, Given.Now);
        if (refused) decision.ShouldBeConflict("not about imagery");
        else decision.ShouldAccept<ImageryViewed>().Reason.ShouldBe("To decide on a referral");
    }

    [Fact]
    public void a_deputy_or_the_headteacher_without_a_written_delegation_may_not_record_viewing_imagery()
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Deputy, Given.Now).ShouldBeForbidden("Only the DSL");
        RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Head, Given.Now).ShouldBeForbidden("Only the DSL");
    }

    [Fact]
    public void the_dsls_view_is_recorded_as_the_dsls_by_name()
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        var viewed = RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Dsl, Given.Now).ShouldAccept<ImageryViewed>();
        viewed.ViewerRole.ShouldBe("dsl");
        incident.Apply(viewed);
        incident.Timeline[^1].Summary.ShouldBe("DSL Dana DSL viewed the imagery");
    }

    [Fact]
    public void whom_the_dsl_delegated_in_writing_may_record_it_and_the_timeline_names_them_and_the_delegation()
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        var delegated = DelegateImageryViewing.Decide(incident, new(Given.Head.Id, Given.Head.Name, "headteacher", "DSL on leave this week"),
            Given.Dsl, Given.Now, Guid.NewGuid()).ShouldAccept<ImageryViewingDelegated>();
        incident.Apply(delegated);

        RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Deputy, Given.Now).ShouldBeForbidden("Only the DSL");
        var viewed = RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Head, Given.Now).ShouldAccept<ImageryViewed>();
        viewed.ViewerRole.ShouldBe("headteacher");
        viewed.DelegationId.ShouldBe(delegated.DelegationId);
        incident.Apply(viewed);
        incident.Timeline[^1].Summary.ShouldBe("Headteacher Hana Head viewed the imagery (delegated in writing by DSL Dana DSL)");
    }

    [Fact]
    public void once_the_dsl_revokes_a_delegation_the_delegate_is_refused_and_the_timeline_says_so()
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        var delegated = DelegateImageryViewing.Decide(incident, new(Given.Head.Id, Given.Head.Name, "headteacher", "DSL on leave this week"),
            Given.Dsl, Given.Now, Guid.NewGuid()).ShouldAccept<ImageryViewingDelegated>();
        incident.Apply(delegated);

        DelegateImageryViewing.Revoke(incident, delegated.DelegationId, new("Back from leave"), Given.Head, Given.Now).ShouldBeForbidden("Only the DSL");
        DelegateImageryViewing.Revoke(incident, delegated.DelegationId, new(" "), Given.Dsl, Given.Now).ShouldBeInvalid("reason");
        DelegateImageryViewing.Revoke(incident, Guid.NewGuid(), new("Back"), Given.Dsl, Given.Now).ShouldBeInvalid("delegationId");
        var revoked = DelegateImageryViewing.Revoke(incident, delegated.DelegationId, new("Back from leave"), Given.Dsl, Given.Now)
            .ShouldAccept<ImageryViewingDelegationRevoked>();
        incident.Apply(revoked);

        incident.Timeline[^1].Summary.ShouldBe("DSL Dana DSL revoked the delegation to Headteacher Hana Head to view the imagery");
        RecordImageryViewed.Decide(incident, new("To decide on a referral"), Given.Head, Given.Now).ShouldBeForbidden("Only the DSL");
        DelegateImageryViewing.Revoke(incident, delegated.DelegationId, new("Again"), Given.Dsl, Given.Now).ShouldBeConflict("already revoked");
    }

    [Theory]
    [InlineData("deputy")]
    [InlineData("head")]
    public void only_the_dsl_may_delegate_viewing_imagery(string who)
    {
        var actor = who == "deputy" ? Given.Deputy : Given.Head;
        DelegateImageryViewing.Decide(Given.Triaged("nudes-semi-nudes"), new(actor.Id, actor.Name, "headteacher", "self-delegation"), actor,
            Given.Now, Guid.NewGuid()).ShouldBeForbidden("Only the DSL");
    }

    [Fact]
    public void a_delegation_names_the_delegate_their_role_and_the_written_instruction()
    {
        var decision = DelegateImageryViewing.Decide(Given.Triaged("nudes-semi-nudes"), new(" ", null, "staff", null), Given.Dsl, Given.Now, Guid.NewGuid());
        decision.ShouldBeInvalid("delegateId", "delegateName", "delegateRole", "instruction");
    }

    [Fact]
    public void imagery_viewed_needs_a_reason() =>
        RecordImageryViewed.Decide(Given.Triaged("nudes-semi-nudes"), new(" "), Given.Dsl, Given.Now).ShouldBeInvalid("reason");
}
