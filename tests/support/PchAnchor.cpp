// SPDX-License-Identifier: MIT
// The target that builds the test programs' shared precompiled header (TOKENSCOPE_TEST_PCH); it runs nothing.
int main()
{
    return 0;
}
