"""What `repairbook serve` and `repairbook workshop serve` say, and the page a visitor
sees when the server has as many pages open as it allows."""

# -- the page past the cap on open pages ------------------------------------------------------

BUSY_TITLE = "A moment, please"
BUSY_BODY = (
    "Many pages are open on this server right now, so this one waits. Close a tab you no "
    "longer use; this page tries again by itself in a minute. Nothing you have written is lost."
)

# -- the terminal ------------------------------------------------------------------------------

READY = "repairbook is ready for the workbook at {path}"
SHARED_LINK = "The shared page, for the two of you at one device (it holds a private key; keep it to yourselves):"
PERSONAL_LINKS = "Each of you on your own phone or computer: your personal address."
PERSONAL_LINE = "    {name}: {url}"
STOP_HINT = "Press Ctrl-C to stop."
STOPPED = "Stopped. Your workbook is saved."
STOPPED_ROOM = "Stopped. Every workbook is saved."

PORT_TAKEN = (
    "Port {port} on {host} is already in use, perhaps by another repairbook. Stop that one, "
    "or choose another port with --port."
)
FAILED = "The app server stopped unexpectedly (exit {code}). Nothing you have written is lost."
NOT_STARTED = "The app server did not start within {seconds} seconds. Nothing was changed."
BAD_PORT = "--port is between 1 and 65535 (or 0 for any free port)."
BAD_CULL = "--cull-interval and --cull-idle-timeout are whole seconds from 1."
BAD_MAX_PAGES = "--max-pages is a whole number from 1."
SET_UP_FIRST = (
    "There is no workbook at {path} yet. Set it up on this computer first (repairbook serve "
    "without --host, or repairbook init), then serve it to your phones."
)
HOST_AND_LAN = "Give either --host or --lan, not both."
BAD_HOST = "{host!r} is not an address of this computer, so the server cannot listen there."
NO_LAN = (
    "This computer does not seem to be on a home network right now (no private address "
    "found). Connect to your Wi-Fi, or give the address with --host."
)

PLAIN_HTTP_REFUSED = (
    "The server would listen on {host}, where other devices can reach it, so it speaks HTTPS. "
    "To send pages without encryption anyway (anyone on the network could read them), add "
    "--insecure-http."
)
PLAIN_HTTP_WARNING = (
    "Warning: plain HTTP on {host}. Anyone on the same network can read the pages and the "
    "private keys in the links as they pass. Use this only on a network you trust, and "
    "prefer HTTPS (leave out --insecure-http)."
)

CERT_MADE = "Made a certificate for HTTPS on this computer; it is kept in {folder}."
CERT_FINGERPRINT = "Its fingerprint (SHA-256), also shown on the app's Help page:"
CERT_PHONE_NOTE = (
    "The first time, a phone warns that it does not know this certificate: it was made "
    "here, not bought from a company. Compare the fingerprint above with the one the phone "
    "shows (or Help shows), then accept it."
)
QR_NOTE = "Scan the code with the phone's camera; typing the address is error-prone."
