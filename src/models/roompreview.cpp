#include "roompreview.h"
