#include "platform/colorscheme.h"
