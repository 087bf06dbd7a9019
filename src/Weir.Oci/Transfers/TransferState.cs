namespace Weir.Oci.Transfers;

/// <summary>The state of one blob in a transfer.</summary>
public enum TransferState
{
    /// <summary>Bytes are moving.</summary>
    Transferring,

    /// <summary>Finished: uploaded, or downloaded and verified.</summary>
    Done,

    /// <summary>Nothing to do: the target already had the content.</summary>
    Skipped,

    /// <summary>Mounted from another repository of the same registry.</summary>
    Mounted,

    /// <summary>A partial download was continued rather than restarted.</summary>
    Resumed,
}
