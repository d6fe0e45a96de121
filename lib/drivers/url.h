#pragma once
// The URL type lives with the connection interface (lib/dialect) so dialects and drivers both see
// it without including each other; this header keeps older include paths working.
#include "dialect/url.h"
