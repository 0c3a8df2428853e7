using TrustSafety.Consent.ManagingConsentTypes;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.ManagingConsentTypes;

/// <summary>A consent type's wordings and settings: numbered versions, and no event for no change.</summary>
public sealed class ManagingConsentTypesTests
{
    [Fact]
    public void wording_versions_are_numbered_in_order_and_the_same_text_is_not_a_new_version()
    {
        var type = Type(laterWordings: ("2026-10-01", false));
        var published = ManageConsentTypes.PublishWording(type, "new text", true, D("2026-11-23"), Now, "dsl").ShouldNotBeNull();
        published.Version.ShouldBe(3);
        published.RequiresFreshConsent.ShouldBeTrue();
        ManageConsentTypes.PublishWording(type, "v2", true, D("2026-11-23"), Now, "dsl").ShouldBeNull();
    }

    [Fact]
    public void switching_to_opt_out_is_a_settings_change_and_repeating_it_is_not()
    {
        var type = Type();
        var changed = ManageConsentTypes.ChangeSettings(type, ConsentMode.OptOut, type.Renewal, Now, "head").ShouldNotBeNull();
        type.Apply(changed);
        ManageConsentTypes.ChangeSettings(type, ConsentMode.OptOut, new RenewalPolicy(RenewalKind.AcademicYear), Now, "head").ShouldBeNull();
    }
}
