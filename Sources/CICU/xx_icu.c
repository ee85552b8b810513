#include "xx_icu.h"

#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utypes.h>

_Static_assert(XX_ICU_BUFFER_OVERFLOW == U_BUFFER_OVERFLOW_ERROR,
               "XX_ICU_BUFFER_OVERFLOW must equal U_BUFFER_OVERFLOW_ERROR");
_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar is 16 bits");

const char *xx_icu_error_name(int32_t status) {
    return u_errorName((UErrorCode)status);
}

/* ---- Converters -------------------------------------------------------- */

int32_t xx_converter_open(const char *name, xx_converter **out) {
    UErrorCode st = U_ZERO_ERROR;
    *out = NULL;
    UConverter *cnv = ucnv_open(name, &st);
    if (U_FAILURE(st)) return st;
    /* An alias that ICU does not know still "opens" with a fallback
       warning only for the default converter; name != NULL here, so any
       failure above is real. Now make bad input stop the conversion. */
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL,
                          &st);
    if (U_FAILURE(st)) {
        ucnv_close(cnv);
        return st;
    }
    *out = (xx_converter *)cnv;
    return U_ZERO_ERROR;
}

void xx_converter_close(xx_converter *cnv) { ucnv_close((UConverter *)cnv); }

static int32_t seq_kind(UErrorCode st) {
    switch (st) {
    case U_INVALID_CHAR_FOUND:
        return XX_ICU_SEQ_UNMAPPABLE;
    case U_TRUNCATED_CHAR_FOUND:
        return XX_ICU_SEQ_TRUNCATED;
    case U_ILLEGAL_CHAR_FOUND:
    case U_ILLEGAL_ESCAPE_SEQUENCE:
    case U_UNSUPPORTED_ESCAPE_SEQUENCE:
        return XX_ICU_SEQ_ILLEGAL;
    default:
        return XX_ICU_SEQ_NONE;
    }
}

int32_t xx_converter_decode(xx_converter *handle,
                            const uint8_t *src, int32_t src_len,
                            uint16_t *dest, int32_t dest_cap, int32_t *out_len,
                            int32_t *bad_offset, int32_t *bad_length,
                            int32_t *bad_kind) {
    UConverter *cnv = (UConverter *)handle;
    const char *start = (const char *)src;
    const char *s = start;
    const char *s_limit = start + src_len;
    UChar *d = (UChar *)dest;
    UChar *d_limit = d + dest_cap;
    UChar scratch[512];
    int32_t total = 0;
    int overflowed = 0;

    *out_len = 0;
    *bad_offset = -1;
    *bad_length = 0;
    *bad_kind = XX_ICU_SEQ_NONE;
    ucnv_resetToUnicode(cnv);

    for (;;) {
        UErrorCode st = U_ZERO_ERROR;
        /* Once dest is full, keep converting into scratch to count the
           length the caller needs (preflighting). */
        UChar *t = overflowed ? scratch : d;
        UChar *t_limit = overflowed ? scratch + 512 : d_limit;
        UChar *t0 = t;
        ucnv_toUnicode(cnv, &t, t_limit, &s, s_limit, NULL, 1, &st);
        total += (int32_t)(t - t0);
        if (!overflowed) d = t;
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            overflowed = 1;
            continue;
        }
        if (U_FAILURE(st)) {
            char bad[32];
            int8_t len = (int8_t)sizeof bad;
            UErrorCode st2 = U_ZERO_ERROR;
            ucnv_getInvalidChars(cnv, bad, &len, &st2);
            if (U_FAILURE(st2)) len = 0;
            *bad_offset = (int32_t)(s - start) - len;
            *bad_length = len;
            *bad_kind = seq_kind(st);
            *out_len = total;
            ucnv_resetToUnicode(cnv);
            return st;
        }
        break;
    }
    *out_len = total;
    return overflowed ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
}

int32_t xx_converter_encode(xx_converter *handle,
                            const uint16_t *src, int32_t src_len,
                            uint8_t *dest, int32_t dest_cap, int32_t *out_len,
                            int32_t *bad_offset, int32_t *bad_length,
                            int32_t *bad_kind) {
    UConverter *cnv = (UConverter *)handle;
    const UChar *start = (const UChar *)src;
    const UChar *s = start;
    const UChar *s_limit = start + src_len;
    char *d = (char *)dest;
    char *d_limit = d + dest_cap;
    char scratch[1024];
    int32_t total = 0;
    int overflowed = 0;

    *out_len = 0;
    *bad_offset = -1;
    *bad_length = 0;
    *bad_kind = XX_ICU_SEQ_NONE;
    ucnv_resetFromUnicode(cnv);

    for (;;) {
        UErrorCode st = U_ZERO_ERROR;
        char *t = overflowed ? scratch : d;
        char *t_limit = overflowed ? scratch + sizeof scratch : d_limit;
        char *t0 = t;
        ucnv_fromUnicode(cnv, &t, t_limit, &s, s_limit, NULL, 1, &st);
        total += (int32_t)(t - t0);
        if (!overflowed) d = t;
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            overflowed = 1;
            continue;
        }
        if (U_FAILURE(st)) {
            UChar bad[32];
            int8_t len = (int8_t)(sizeof bad / sizeof bad[0]);
            UErrorCode st2 = U_ZERO_ERROR;
            ucnv_getInvalidUChars(cnv, bad, &len, &st2);
            if (U_FAILURE(st2)) len = 0;
            *bad_offset = (int32_t)(s - start) - len;
            *bad_length = len;
            *bad_kind = seq_kind(st);
            *out_len = total;
            ucnv_resetFromUnicode(cnv);
            return st;
        }
        break;
    }
    *out_len = total;
    return overflowed ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
}

/* ---- Collators --------------------------------------------------------- */

int32_t xx_collator_open(const char *locale, xx_collator **out) {
    UErrorCode st = U_ZERO_ERROR;
    *out = NULL;
    UCollator *coll = ucol_open(locale, &st);
    if (U_FAILURE(st)) return st;
    *out = (xx_collator *)coll;
    return st; /* may be U_USING_FALLBACK_WARNING / U_USING_DEFAULT_WARNING */
}

int32_t xx_collator_open_rules(const uint16_t *rules, int32_t rules_len,
                               xx_collator **out,
                               int32_t *error_line, int32_t *error_offset) {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    memset(&pe, 0, sizeof pe);
    *out = NULL;
    UCollator *coll = ucol_openRules((const UChar *)rules, rules_len, UCOL_DEFAULT,
                                     UCOL_DEFAULT_STRENGTH, &pe, &st);
    *error_line = pe.line;
    *error_offset = pe.offset;
    if (U_FAILURE(st)) return st;
    *out = (xx_collator *)coll;
    return st;
}

void xx_collator_close(xx_collator *coll) { ucol_close((UCollator *)coll); }

int32_t xx_collator_rules(const xx_collator *coll,
                          uint16_t *dest, int32_t dest_cap, int32_t *out_len) {
    int32_t len = 0;
    const UChar *rules = ucol_getRules((const UCollator *)coll, &len);
    *out_len = len;
    if (len > dest_cap) return U_BUFFER_OVERFLOW_ERROR;
    if (len > 0) memcpy(dest, rules, (size_t)len * sizeof(UChar));
    return U_ZERO_ERROR;
}

int32_t xx_collator_compare(const xx_collator *coll,
                            const uint16_t *a, int32_t a_len,
                            const uint16_t *b, int32_t b_len) {
    return (int32_t)ucol_strcoll((const UCollator *)coll, (const UChar *)a, a_len,
                                 (const UChar *)b, b_len);
}

int32_t xx_collator_sort_key(const xx_collator *coll,
                             const uint16_t *text, int32_t text_len,
                             uint8_t *dest, int32_t dest_cap, int32_t *out_len) {
    int32_t needed = ucol_getSortKey((const UCollator *)coll, (const UChar *)text,
                                     text_len, dest, dest_cap);
    *out_len = needed;
    if (needed == 0) return U_INTERNAL_PROGRAM_ERROR;
    if (needed > dest_cap) return U_BUFFER_OVERFLOW_ERROR;
    return U_ZERO_ERROR;
}

/* ---- Calendars and date formats ---------------------------------------- */

/* Copies an ASCII zone ID to UTF-16 and rejects IDs ICU does not know
   (ucal_open would silently fall back to GMT). */
static UErrorCode zone_id(const char *zone, UChar *out, int32_t cap) {
    size_t n = strlen(zone);
    if (n == 0 || n >= (size_t)cap) return U_ILLEGAL_ARGUMENT_ERROR;
    u_charsToUChars(zone, out, (int32_t)n + 1);
    UChar canonical[128];
    UBool is_system = 0;
    UErrorCode st = U_ZERO_ERROR;
    ucal_getCanonicalTimeZoneID(out, -1, canonical, 128, &is_system, &st);
    if (U_FAILURE(st)) return st;
    if (!is_system) return U_ILLEGAL_ARGUMENT_ERROR;
    return U_ZERO_ERROR;
}

int32_t xx_civil_to_udate(int32_t year, int32_t month, int32_t day,
                          int32_t hour, const char *zone, double *out) {
    UChar zid[128];
    UErrorCode st = zone_id(zone, zid, 128);
    *out = 0;
    if (U_FAILURE(st)) return st;
    UCalendar *cal = ucal_open(zid, -1, "en@calendar=gregorian", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st)) return st;
    ucal_setAttribute(cal, UCAL_LENIENT, 0);
    ucal_clear(cal);
    ucal_setDateTime(cal, year, month - 1, day, hour, 0, 0, &st);
    double ms = ucal_getMillis(cal, &st);
    ucal_close(cal);
    if (U_FAILURE(st)) return st;
    *out = ms;
    return U_ZERO_ERROR;
}

int32_t xx_lunar_day_at(double udate, const char *zone, xx_lunar_day *out) {
    UChar zid[128];
    UErrorCode st = zone_id(zone, zid, 128);
    memset(out, 0, sizeof *out);
    if (U_FAILURE(st)) return st;
    UCalendar *cal = ucal_open(zid, -1, "zh_CN@calendar=chinese", UCAL_DEFAULT, &st);
    if (U_FAILURE(st)) return st;
    ucal_setMillis(cal, udate, &st);
    out->extended_year = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
    out->cycle_year = ucal_get(cal, UCAL_YEAR, &st);
    out->month = ucal_get(cal, UCAL_MONTH, &st) + 1;
    out->day = ucal_get(cal, UCAL_DATE, &st);
    out->is_leap_month = ucal_get(cal, UCAL_IS_LEAP_MONTH, &st);
    ucal_close(cal);
    return st;
}

int32_t xx_format_date(const char *locale, const char *zone,
                       const uint16_t *pattern, int32_t pattern_len,
                       double udate,
                       uint16_t *dest, int32_t dest_cap, int32_t *out_len) {
    UChar zid[128];
    UErrorCode st = zone_id(zone, zid, 128);
    *out_len = 0;
    if (U_FAILURE(st)) return st;
    UDateFormat *fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, zid, -1,
                                 (const UChar *)pattern, pattern_len, &st);
    if (U_FAILURE(st)) return st;
    int32_t needed = udat_format(fmt, udate, (UChar *)dest, dest_cap, NULL, &st);
    udat_close(fmt);
    *out_len = needed;
    return st;
}

/* ---- Transliterators --------------------------------------------------- */

int32_t xx_transliterator_open(const uint16_t *id, int32_t id_len,
                               xx_transliterator **out) {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    *out = NULL;
    UTransliterator *t = utrans_openU((const UChar *)id, id_len, UTRANS_FORWARD,
                                      NULL, 0, &pe, &st);
    if (U_FAILURE(st)) return st;
    *out = (xx_transliterator *)t;
    return st;
}

void xx_transliterator_close(xx_transliterator *trans) {
    utrans_close((UTransliterator *)trans);
}

int32_t xx_transliterate(const xx_transliterator *trans,
                         uint16_t *text, int32_t *len, int32_t cap) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t limit = *len;
    utrans_transUChars((const UTransliterator *)trans, (UChar *)text, len, cap, 0,
                       &limit, &st);
    if (U_FAILURE(st)) return st;
    if (*len > cap) return U_BUFFER_OVERFLOW_ERROR;
    return st;
}
