#ifndef XX_ICU_H
#define XX_ICU_H
#include <stdint.h>
#endif
