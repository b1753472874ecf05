#include "directorymodel.h"
