#ifndef XX_ICU_H
#define XX_ICU_H

/*
 * A small C face for the system ICU (libicu 72).
 *
 * Foundation on Linux bundles its own ICU, so this header must never include
 * <unicode/...>: it exposes only its own opaque handles and <stdint.h> types.
 * Text crosses the boundary as UTF-16 code units (uint16_t) plus a length.
 *
 * Every function returning int32_t returns an ICU UErrorCode value:
 * 0 is success, negative values are warnings (also success), positive values
 * are failures. Output buffers belong to the caller; a function that writes
 * into one reports the length it needs in *out_len and returns
 * XX_ICU_BUFFER_OVERFLOW when the capacity was too small.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Mirrors U_BUFFER_OVERFLOW_ERROR (checked by a static assert in xx_icu.c). */
#define XX_ICU_BUFFER_OVERFLOW 15

/* The symbolic name of an ICU status code, e.g. "U_ILLEGAL_ARGUMENT_ERROR". */
const char *xx_icu_error_name(int32_t status);

/* ---- Converters (ucnv) ------------------------------------------------- */

typedef struct xx_converter xx_converter;

/* Kind of the first bad sequence a conversion stopped at. */
#define XX_ICU_SEQ_NONE 0
#define XX_ICU_SEQ_ILLEGAL 1      /* malformed for the encoding */
#define XX_ICU_SEQ_UNMAPPABLE 2   /* well formed but has no mapping */
#define XX_ICU_SEQ_TRUNCATED 3    /* input ends inside a sequence */

/* Opens a converter whose callbacks STOP at the first bad sequence. */
int32_t xx_converter_open(const char *name, xx_converter **out);
void xx_converter_close(xx_converter *cnv);

/*
 * Decodes all of src into dest (UTF-16). On a bad sequence returns the ICU
 * failure status, and sets *bad_offset (byte offset of the sequence in src),
 * *bad_length and *bad_kind. When dest is too small, returns
 * XX_ICU_BUFFER_OVERFLOW with the full needed length in *out_len.
 */
int32_t xx_converter_decode(xx_converter *cnv,
                            const uint8_t *src, int32_t src_len,
                            uint16_t *dest, int32_t dest_cap, int32_t *out_len,
                            int32_t *bad_offset, int32_t *bad_length,
                            int32_t *bad_kind);

/* Encodes UTF-16 src into dest bytes; bad_offset is in UTF-16 code units. */
int32_t xx_converter_encode(xx_converter *cnv,
                            const uint16_t *src, int32_t src_len,
                            uint8_t *dest, int32_t dest_cap, int32_t *out_len,
                            int32_t *bad_offset, int32_t *bad_length,
                            int32_t *bad_kind);

/* ---- Collators (ucol) -------------------------------------------------- */

typedef struct xx_collator xx_collator;

int32_t xx_collator_open(const char *locale, xx_collator **out);

/* Opens from rule text. On a syntax error, *error_line and *error_offset
 * locate it (offset within the line, or within the rules when line is 0). */
int32_t xx_collator_open_rules(const uint16_t *rules, int32_t rules_len,
                               xx_collator **out,
                               int32_t *error_line, int32_t *error_offset);
void xx_collator_close(xx_collator *coll);

/* Tailoring rules of the collator (ucol_getRules), copied into dest. */
int32_t xx_collator_rules(const xx_collator *coll,
                          uint16_t *dest, int32_t dest_cap, int32_t *out_len);

/* -1, 0 or 1. */
int32_t xx_collator_compare(const xx_collator *coll,
                            const uint16_t *a, int32_t a_len,
                            const uint16_t *b, int32_t b_len);

/* Sort key bytes, including the terminating zero byte. */
int32_t xx_collator_sort_key(const xx_collator *coll,
                             const uint16_t *text, int32_t text_len,
                             uint8_t *dest, int32_t dest_cap, int32_t *out_len);

/* ---- Calendars and date formats (ucal, udat) --------------------------- */

/* A day of the Chinese lunisolar calendar (ICU "chinese" calendar). */
typedef struct xx_lunar_day {
    int32_t extended_year; /* continuous year number (ICU UCAL_EXTENDED_YEAR) */
    int32_t cycle_year;    /* 1...60 within the sexagenary cycle, 1 = 甲子 */
    int32_t month;         /* 1...12 */
    int32_t day;           /* 1...30 */
    int32_t is_leap_month; /* 0 or 1 */
} xx_lunar_day;

/* Milliseconds since 1970 for a civil (Gregorian) date and time in the zone
 * (an Olson ID such as "Asia/Shanghai"). Non-lenient: 2019-02-30 fails. */
int32_t xx_civil_to_udate(int32_t year, int32_t month, int32_t day,
                          int32_t hour, const char *zone, double *out);

/* The Chinese-calendar day containing the instant, seen in the zone. */
int32_t xx_lunar_day_at(double udate, const char *zone, xx_lunar_day *out);

/* Formats the instant with an ICU pattern (UTF-16) in locale and zone. */
int32_t xx_format_date(const char *locale, const char *zone,
                       const uint16_t *pattern, int32_t pattern_len,
                       double udate,
                       uint16_t *dest, int32_t dest_cap, int32_t *out_len);

/* ---- Transliterators (utrans) ------------------------------------------ */

typedef struct xx_transliterator xx_transliterator;

/* id is a (compound) transform ID such as "Han-Latin; Latin-ASCII". */
int32_t xx_transliterator_open(const uint16_t *id, int32_t id_len,
                               xx_transliterator **out);
void xx_transliterator_close(xx_transliterator *trans);

/* Transliterates text[0, *len) in place. On return *len is the result
 * length; if it exceeds cap the result was truncated and the call returns
 * XX_ICU_BUFFER_OVERFLOW: call again with the original text and more room. */
int32_t xx_transliterate(const xx_transliterator *trans,
                         uint16_t *text, int32_t *len, int32_t cap);

#ifdef __cplusplus
}
#endif

#endif
