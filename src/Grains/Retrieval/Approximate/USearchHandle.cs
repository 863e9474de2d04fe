using Microsoft.Win32.SafeHandles;

namespace Aisle.Retrieval.Approximate;

/// <summary>Owns one native USearch index: freed once, on dispose or, if an owner forgot, by the finaliser.</summary>
internal sealed class USearchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public USearchHandle(nint index) : base(ownsHandle: true) => SetHandle(index);

    protected override bool ReleaseHandle()
    {
        USearchNative.Free(handle, out _);
        return true;
    }
}
