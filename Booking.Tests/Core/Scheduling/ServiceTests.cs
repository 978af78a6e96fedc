using Booking.Core.Scheduling;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public class ServiceTests
{
    [Fact]
    public void Constructor_FluClinic_KeepsRolesDistinctAndOrdered()
    {
        var flu = new Service(
            4,
            "  Flu vaccination ",
            SlotLength.FromMinutes(5),
            DeliveryMode.InPerson,
            NationalAppointmentCategory.PlannedClinicalProcedure,
            [PractitionerRole.HealthcareAssistant, PractitionerRole.Nurse, PractitionerRole.Nurse]);

        flu.Name.Should().Be("Flu vaccination");
        flu.EligibleRoles.Should().Equal(PractitionerRole.Nurse, PractitionerRole.HealthcareAssistant);
        flu.IsBookable.Should().BeTrue();
        flu.CanBeDeliveredBy(PractitionerRole.HealthcareAssistant).Should().BeTrue();
        flu.CanBeDeliveredBy(PractitionerRole.Gp).Should().BeFalse();
    }

    [Fact]
    public void Constructor_NoEligibleRole_Throws()
    {
        var act = () => new Service(1, "GP routine", SlotLength.FromMinutes(10), DeliveryMode.InPerson, NationalAppointmentCategory.GeneralConsultationRoutine, []);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_NameTooLong_Throws()
    {
        var act = () => new Service(1, new string('a', Service.MaxNameLength + 1), SlotLength.FromMinutes(10), DeliveryMode.Telephone, NationalAppointmentCategory.ClinicalTriage, [PractitionerRole.Gp]);

        act.Should().Throw<ArgumentException>();
    }
}
