using System.Reflection;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.TestSupport;

/// <summary>The fast loop filters on the trait, the runner on the collection: the two must name the same classes.</summary>
public sealed class SerialCollectionTests
{
    [Fact]
    public void SerialCollection_EveryClassInIt_CarriesTheSerialTraitAndNoOtherDoes()
    {
        var testClasses = typeof(SerialCollectionTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any()))
            .ToList();

        var inCollection = testClasses.Where(t => CollectionOf(t) == SerialCollection.Name).Select(t => t.FullName).ToList();
        var withTrait = testClasses.Where(HasSerialTrait).Select(t => t.FullName).ToList();

        inCollection.Should().NotBeEmpty();
        withTrait.Should().BeEquivalentTo(inCollection);
    }

    // xunit v2's attributes keep their arguments to themselves; the metadata has them.
    private static string? CollectionOf(Type type) =>
        type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(CollectionAttribute))
            .Select(a => a.ConstructorArguments[0].Value as string)
            .FirstOrDefault();

    private static bool HasSerialTrait(Type type) =>
        type.GetCustomAttributesData().Any(a =>
            a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments[0].Value as string == SerialCollection.Trait
            && a.ConstructorArguments[1].Value as string == SerialCollection.Serial);
}
