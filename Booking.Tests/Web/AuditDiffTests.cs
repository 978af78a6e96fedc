using Booking.Web.Components.Pages.Audit;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The audit log's before-and-after view: the field-by-field comparison and the disclosure that shows it.</summary>
public sealed class AuditDiffTests : BunitContext
{
    [Fact]
    public void Compare_ChangedNestedFields_ListsEveryFieldByDottedNameAndMarksTheChangedOnes()
    {
        var changes = AuditDiff.Compare(
            """{"name":"GP appointment","length":10,"roles":["Gp"],"layout":{"start":"08:30"}}""",
            """{"name":"GP appointment (10 min)","length":10,"roles":["Gp","Nurse"],"layout":{"start":"09:00"}}""");

        changes.Should().Equal(
            new AuditFieldChange("name", "GP appointment", "GP appointment (10 min)"),
            new AuditFieldChange("length", "10", "10"),
            new AuditFieldChange("roles[0]", "Gp", "Gp"),
            new AuditFieldChange("layout.start", "08:30", "09:00"),
            new AuditFieldChange("roles[1]", null, "Nurse"));
        changes.Where(c => c.Changed).Select(c => c.Field).Should().Equal("name", "layout.start", "roles[1]");
    }

    [Fact]
    public void Compare_SnapshotThatIsNotJson_ShowsItWholeAndEmptyListsSayNone()
    {
        AuditDiff.Compare(null, "not json").Should().Equal(new AuditFieldChange("(whole record)", null, "not json"));
        AuditDiff.Compare("""{"breaks":[]}""", null).Should().Equal(new AuditFieldChange("breaks", "(none)", null));
    }

    [Fact]
    public void AuditChanges_Update_SummarisesHowManyFieldsChangedAndMarksThemInWords()
    {
        var component = Render<AuditChanges>(p => p
            .Add(c => c.Before, """{"name":"Old","site":1}""")
            .Add(c => c.After, """{"name":"New","site":1}"""));

        component.Find("summary").TextContent.Should().Be("1 field changed");
        component.FindAll("tr.audit-changed").Should().ContainSingle().Which.TextContent.Should().Contain("name").And.Contain("changed");
    }

    [Fact]
    public void AuditChanges_CreatedOrRemoved_SaysSoWithTheFieldCount()
    {
        Render<AuditChanges>(p => p.Add(c => c.After, """{"a":1,"b":2}""")).Find("summary").TextContent.Should().Be("Created: 2 fields");
        Render<AuditChanges>(p => p.Add(c => c.Before, """{"a":1}""")).Find("summary").TextContent.Should().Be("Removed: 1 field");
        Render<AuditChanges>().Markup.Should().Contain("No details recorded.");
    }
}
