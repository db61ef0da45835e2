// A stand-in for Windows' bcryptprimitives.dll, which Go 1.24 and later load for ProcessPrng and
// Debian 12's wine 8.0 lacks: for the wine test prefix of .ci/test-wine.sh only, never shipped.
// (From ../shared/tools/wine, where it was measured to work.)
#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
