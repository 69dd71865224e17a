/*
** CANBO_ASAN: defined when AddressSanitizer instruments this build (gcc says so with __SANITIZE_ADDRESS__,
** clang through __has_feature), for the few places that must behave differently under it: no address-space
** limit (it reserves terabytes), RSS that says nothing (its quarantine), resources released at exit for its
** leak checker.
*/
#ifndef CANBO_ASAN_H
#define CANBO_ASAN_H
#if defined(__SANITIZE_ADDRESS__)
#define CANBO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CANBO_ASAN 1
#endif
#endif
#endif
