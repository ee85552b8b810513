#include "xx_icu.h"
