using TrustSafety.Incident.Agencies;

namespace TrustSafety.Incident.Tests.Agencies;

/// <summary>Issue 15: the agencies directory's levels and the rules of an agency contact.</summary>
public sealed class AgenciesTests
{
    [Fact]
    public void the_directory_takes_the_school_entry_over_the_trust_default_over_the_built_in_one()
    {
        static AgencyContact Entry(string code, string name, int revision) =>
            new() { Id = code, Details = new(name, "0100", null, null, null, null), Revision = revision, UpdatedByName = "x" };
        var trust = new Dictionary<string, AgencyContact> { ["mash"] = Entry("mash", "Trust MASH", 2), ["lado"] = Entry("lado", "Trust LADO", 1) };
        var school = new Dictionary<string, AgencyContact> { ["mash"] = Entry("mash", "Blakehill's MASH", 3) };

        var forSchool = AgenciesApi.Resolve(trust, school).ToDictionary(e => e.Code);
        forSchool["mash"].Contact.Name.ShouldBe("Blakehill's MASH");
        forSchool["mash"].Source.ShouldBe(AgencySources.School);
        forSchool["mash"].EditRevision.ShouldBe(3);
        forSchool["mash"].TrustDefault!.Name.ShouldBe("Trust MASH");
        forSchool["lado"].Source.ShouldBe(AgencySources.Trust);
        forSchool["lado"].EditRevision.ShouldBe(0);
        forSchool["iwf"].Source.ShouldBe(AgencySources.BuiltIn);
        forSchool.Keys.ShouldBe(AgencyKinds.Codes, ignoreOrder: true);

        var forTrust = AgenciesApi.Resolve(trust, null).ToDictionary(e => e.Code);
        forTrust["mash"].Contact.Name.ShouldBe("Trust MASH");
        forTrust["mash"].EditRevision.ShouldBe(2);
    }

    [Fact]
    public void an_agency_contact_names_every_bad_field()
    {
        AgenciesApi.Validate(new(null, null, null, null, null, null)).ToDictionary().Keys.ShouldBe(["name", "phone"], ignoreOrder: true);
        AgenciesApi.Validate(new("MASH", "call me", "0800; drop", "nobody", "ftp://x", null)).ToDictionary().Keys
            .ShouldBe(["phone", "outOfHoursPhone", "email", "web"], ignoreOrder: true);
        AgenciesApi.Validate(new("MASH", "01902 555392", null, null, null, null)).Any.ShouldBeFalse();
    }
}
