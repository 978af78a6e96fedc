// Opens and closes the reconnect dialog as Blazor reports the circuit's state. A rejected circuit is not reloaded
// automatically (as the template does): the page still shows what was typed, and the member of staff decides when to
// reload after noting it down.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", event => {
    modal.dataset.state = event.detail.state;
    if (event.detail.state === "hide") {
        modal.close();
    } else if (!modal.open) {
        modal.showModal();
    }

    if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
});

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: reconnected; false: the server answered but no longer has this circuit.
        if (!await Blazor.reconnect()) {
            modal.dataset.state = "rejected";
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            modal.dataset.state = "resume-failed";
        }
    } catch {
        modal.dataset.state = "resume-failed";
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
