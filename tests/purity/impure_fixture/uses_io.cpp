// Test fixture for the purity check (tests/purity): this file must be flagged. Never compiled.
#include <string>
#include <iostream>
