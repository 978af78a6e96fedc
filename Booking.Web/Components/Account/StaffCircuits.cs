using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Booking.Web.Components.Account;

/// <summary>
/// The open Blazor circuits (tabs) of each signed-in member of staff, so that signing out ends every one of them at
/// once instead of at their next revalidation: a tab left open is signed out, lands on the sign-in page and can no
/// longer book, cancel or search as that user. Singleton; circuits join and leave through <see cref="StaffCircuitTracker"/>.
/// Only changes made inside this app process can reach it; the operator commands run as their own process, so the
/// sessions they end (<c>staff disable</c>, <c>staff reset-password</c>) end at the circuits' revalidation
/// (<see cref="Infrastructure.StaffIdentity.RevalidationInterval"/>), as do those of a second app process.
/// </summary>
internal sealed class StaffCircuits
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<StaffRevalidatingAuthenticationStateProvider, byte>> _byUserId =
        new(StringComparer.Ordinal);

    /// <summary>Signs out every open circuit of the user now (sign-out; later a manager disabling or changing a role, issue 19).</summary>
    public void EndSessionsOf(string userId)
    {
        if (_byUserId.TryGetValue(userId, out var circuits))
        {
            foreach (var circuit in circuits.Keys)
            {
                circuit.EndSession();
            }
        }
    }

    internal void Add(string userId, StaffRevalidatingAuthenticationStateProvider circuit) =>
        _byUserId.GetOrAdd(userId, _ => new()).TryAdd(circuit, 0);

    // The user's entry stays when their last circuit closes: a practice has tens of staff, and removing an empty entry
    // could race with a circuit of the same user joining it.
    internal void Remove(string userId, StaffRevalidatingAuthenticationStateProvider circuit)
    {
        if (_byUserId.TryGetValue(userId, out var circuits))
        {
            circuits.TryRemove(circuit, out _);
        }
    }
}

/// <summary>
/// Enters each circuit in <see cref="StaffCircuits"/> under its signed-in user while it is open. Scoped: one per circuit,
/// beside that circuit's authentication state provider, which the framework has given the user of the request that
/// opened the circuit before <see cref="OnCircuitOpenedAsync"/> runs.
/// </summary>
internal sealed class StaffCircuitTracker(
    AuthenticationStateProvider authentication, StaffCircuits circuits, IOptions<IdentityOptions> identity) : CircuitHandler
{
    private string? _userId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (authentication is StaffRevalidatingAuthenticationStateProvider staff
            && (await staff.GetAuthenticationStateAsync()).User.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) is { } userId)
        {
            _userId = userId;
            circuits.Add(userId, staff);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_userId is not null && authentication is StaffRevalidatingAuthenticationStateProvider staff)
        {
            circuits.Remove(_userId, staff);
        }

        return Task.CompletedTask;
    }
}
