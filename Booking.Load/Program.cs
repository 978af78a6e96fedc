using Booking.Load;

return await LoadCommand.RunAsync(args, Console.Out, Console.Error);

/// <summary>
/// Internal on purpose: .NET 10 makes a top-level Program public for WebApplicationFactory, and the tests
/// reference both this harness and Booking.Web, whose Program is the one they host.
/// </summary>
internal sealed partial class Program;
