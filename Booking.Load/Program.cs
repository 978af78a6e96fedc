using Booking.Load;

return await LoadCommand.RunAsync(args, Console.Out);
